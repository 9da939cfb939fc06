using System.CommandLine;
using Fibo.Actors.Domain;
using Fibo.Actors.Domain.Prediction;
using Fibo.Actors.Infrastructure.Models;
using Fibo.Node.Cli.Features;
using Spectre.Console;

namespace Fibo.Node.Cli.Models;

/// <summary>
/// <c>fibo predict</c>: one prediction per complete input window, written as <c>timestamp,pred_ret,pred_vol</c>. The
/// features are computed from raw candles with the model's own feature set and scaled once, by the model's own
/// scaler, inside the inference API: there is no way to pass already-scaled data.
/// </summary>
internal static class PredictCommand
{
    private const int Batch = 512;

    public static Command Create()
    {
        var command = new Command("predict", "Predict return and volatility for every complete window of a candle series");
        var model = new ModelLocation(modelRequired: false);
        model.AddTo(command);
        var source = new CandleSource();
        source.AddTo(command);
        var output = new Option<string>("--output") { Description = "CSV to write: timestamp (last candle of the window, UTC ms), pred_ret, pred_vol", Required = true };
        command.Options.Add(output);
        CliAction.Set(command, async (parse, ct) =>
        {
            using var snapshot = model.Load(parse);
            var loaded = await source.LoadAsync(parse, ct);
            var frame = ModelInputs.Compute(snapshot, loaded.Candles);
            var ends = InferenceWindows.CompleteWindowEnds(frame, snapshot.SeqLen);
            if (ends.Count == 0)
                throw new InputException($"{loaded.Key}: no complete window of {snapshot.SeqLen} rows without a gap in {frame.RowCount} feature rows");
            var horizons = snapshot.Horizons.Count;
            var ret = Enumerable.Range(0, horizons).Select(_ => new float[ends.Count]).ToArray();
            var vol = Enumerable.Range(0, horizons).Select(_ => new float[ends.Count]).ToArray();
            for (var start = 0; start < ends.Count; start += Batch)
            {
                ct.ThrowIfCancellationRequested();
                var chunk = ends.Skip(start).Take(Batch).ToList();
                var batch = snapshot.PredictAll(InferenceWindows.Cut(frame, snapshot.SeqLen, chunk));
                for (var h = 0; h < horizons; h++)
                    for (var i = 0; i < chunk.Count; i++)
                    {
                        var f = batch.At(i, snapshot.Horizons[h]);
                        ret[h][start + i] = (float)f.Ret;
                        vol[h][start + i] = (float)f.Vol;
                    }
            }
            var timestamps = ends.Select(e => frame.Timestamps[e]).ToArray();
            var path = parse.GetValue(output)!;
            PredictionCsv.WritePredictions(path, timestamps, new ForecastBatch(snapshot.Horizons, snapshot.Meta.Horizon, ret, vol));

            var possible = Math.Max(0, frame.RowCount - snapshot.SeqLen + 1);
            var summary = new
            {
                model = snapshot.Version,
                series = loaded.Key.ToString(),
                candles = loaded.Candles.Length,
                featureRows = frame.RowCount,
                windows = ends.Count,
                windowsSkippedForGaps = possible - ends.Count,
                first = timestamps[0],
                last = timestamps[^1],
                output = Path.GetFullPath(path),
            };
            if (parse.GetValue(CliOptions.Json)) CliConsole.WriteJson(summary);
            else
                CliConsole.Out.WriteLine($"{summary.series}: {summary.windows} predictions by {summary.model} written to {summary.output} " +
                                         $"({summary.candles} candles, {summary.featureRows} feature rows, {summary.windowsSkippedForGaps} windows skipped across gaps)");
            return 0;
        });
        return command;
    }
}
