using System.CommandLine;
using System.Globalization;
using Fibo.Actors.Domain;
using Fibo.Actors.Domain.Dataset;
using Spectre.Console;

namespace Fibo.Node.Cli.Features;

/// <summary>
/// <c>fibo dataset</c>: builds the training dataset the way <c>fibo train</c> will (features, dropna, windows that never
/// span a gap, purged temporal split, scaler fit on training rows) and prints shapes, split, gaps and scaler.
/// </summary>
internal static class DatasetCommand
{
    public static Command Create()
    {
        var command = new Command("dataset", "Build the training dataset (sequences, targets, purged split, train-only scaler) and print its shape");
        var source = new CandleSource();
        source.AddTo(command);
        var options = new DatasetCliOptions();
        options.AddTo(command);
        var folds = new Option<int>("--folds") { Description = "Also cut k walk-forward folds", DefaultValueFactory = _ => 0 };
        var foldMode = new Option<string>("--fold-mode") { Description = "expanding or sliding training window for --folds", DefaultValueFactory = _ => "expanding" };
        var scalerOut = new Option<string?>("--scaler-out") { Description = "Write the fitted scaler as JSON {feature_names, mean, scale}" };
        command.Options.Add(folds);
        command.Options.Add(foldMode);
        command.Options.Add(scalerOut);
        CliAction.Set(command, async (parse, ct) =>
        {
            var mode = parse.GetValue(foldMode)?.Trim().ToLowerInvariant() switch
            {
                "expanding" => WalkForwardMode.Expanding,
                "sliding" => WalkForwardMode.Sliding,
                var other => throw new InputException($"--fold-mode: '{other}' is not known; use expanding or sliding"),
            };
            int k = parse.GetValue(folds);
            if (k < 0) throw new InputException($"--folds must not be negative, got {k}");
            var request = options.Request(parse, k, mode);
            var loaded = await source.LoadAsync(parse, ct);
            var ds = DatasetPipeline.Prepare(loaded.Candles, request);
            var path = parse.GetValue(scalerOut);
            if (path is { Length: > 0 }) ds.Scaler.Save(path);

            var summary = Summarize(loaded, ds, path);
            if (parse.GetValue(CliOptions.Json)) CliConsole.WriteJson(summary);
            else Print(summary, ds);
            return 0;
        });
        return command;
    }

    private static object Summarize(LoadedCandles loaded, PreparedDataset ds, string? scalerPath)
    {
        var seq = ds.Sequences;
        var split = ds.Split;
        return new
        {
            series = loaded.Key.ToString(),
            source = loaded.Source,
            set = ds.Request.Set.Name,
            candles = ds.CandleCount,
            droppedRows = ds.DroppedRows,
            featureRows = ds.Features.RowCount,
            x = new[] { seq.Count, seq.SeqLen, seq.FeatureCount },
            horizons = seq.Horizons,
            y = seq.Horizons.ToDictionary(h => h.ToString(CultureInfo.InvariantCulture), _ => new[] { seq.Count }),
            volTarget = seq.Options.VolTarget.ToString(),
            gaps = new
            {
                count = seq.Gaps.GapCount,
                medianDeltaMs = seq.Gaps.MedianDeltaMs,
                multiplier = seq.Gaps.Multiplier,
                segments = seq.Gaps.Segments.Select(s => new[] { s.Start, s.End }),
                droppedWindows = seq.DroppedWindows,
                policy = seq.Options.GapPolicy.ToString(),
            },
            split = new
            {
                purge = ds.Request.Purge,
                purgeGap = split.PurgeGap,
                train = new[] { split.Train.Start, split.Train.End },
                val = new[] { split.Val.Start, split.Val.End },
                test = new[] { split.Test.Start, split.Test.End },
                trainRowsEnd = split.TrainRowsEnd,
                seed = new { nTrain = split.Seed.NTrain, nVal = split.Seed.NVal, nTest = split.Seed.NTest, trainRowsEnd = split.Seed.TrainRowsEnd },
            },
            folds = ds.Folds.Select(f => new { index = f.Index, train = new[] { f.Train.Start, f.Train.End }, test = new[] { f.Test.Start, f.Test.End }, trainRowsEnd = f.TrainRowsEnd }),
            scaler = new
            {
                fittedOnRows = new[] { 0, split.TrainRowsEnd },
                features = ds.Scaler.FeatureNames.Select((n, i) => new { name = n, mean = ds.Scaler.Mean[i], scale = ds.Scaler.Scale[i] }),
                path = scalerPath,
            },
        };
    }

    private static void Print(object _, PreparedDataset ds)
    {
        var o = CliConsole.Out;
        var seq = ds.Sequences;
        var split = ds.Split;
        o.MarkupLineInterpolated($"[bold]{ds.Request.Set.Name}[/] dataset: {ds.CandleCount} candles, {ds.DroppedRows} dropped by dropna, {ds.Features.RowCount} feature rows");
        o.WriteLine($"X: ({seq.Count}, {seq.SeqLen}, {seq.FeatureCount}) float32; y_ret, y_vol: ({seq.Count},) for horizon(s) {string.Join(", ", seq.Horizons)}; y_vol = {seq.Options.VolTarget}");
        if (seq.Horizons[0] == 1 && seq.Options.VolTarget == VolTarget.SeedPerBarStd)
            o.WriteLine("note: with h = 1 the seed's y_vol is always 0 (std of one return); --vol-target realized gives |r|");
        o.WriteLine($"gaps: {seq.Gaps.GapCount} (> {seq.Gaps.Multiplier.ToString(CultureInfo.InvariantCulture)}× median step {seq.Gaps.MedianDeltaMs.ToString(CultureInfo.InvariantCulture)} ms), {seq.Gaps.Segments.Count} segment(s), {seq.DroppedWindows} window(s) dropped for spanning a gap ({seq.Options.GapPolicy})");
        o.WriteLine($"split ({(ds.Request.Purge ? $"purged, gap {split.PurgeGap}" : "seed, no purge")}): train {split.Train} ({split.Train.Count}), val {split.Val} ({split.Val.Count}), test {split.Test} ({split.Test.Count}); seed (n_train, n_val, n_test, train_rows_end) = ({split.Seed.NTrain}, {split.Seed.NVal}, {split.Seed.NTest}, {split.Seed.TrainRowsEnd})");
        foreach (var f in ds.Folds) o.WriteLine($"fold {f.Index}: train {f.Train} ({f.Train.Count}), test {f.Test} ({f.Test.Count}), scaler rows [0, {f.TrainRowsEnd}]");
        var table = new Table().AddColumns("feature", "mean", "scale");
        for (int i = 0; i < ds.Scaler.FeatureCount; i++)
            table.AddRow(ds.Scaler.FeatureNames[i], ds.Scaler.Mean[i].ToString("G6", CultureInfo.InvariantCulture), ds.Scaler.Scale[i].ToString("G6", CultureInfo.InvariantCulture));
        o.WriteLine($"scaler: fit on rows [0, {split.TrainRowsEnd}] ({split.TrainRowsEnd + 1} rows)");
        o.Write(table);
    }
}
