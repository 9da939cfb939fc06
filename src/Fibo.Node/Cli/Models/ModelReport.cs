using System.Globalization;
using Fibo.Actors.Domain.Prediction;
using Spectre.Console;

namespace Fibo.Node.Cli.Models;

/// <summary>Human-readable summaries of a model: what it is, how it trained, and how it did against the naive baselines.</summary>
internal static class ModelReport
{
    public static void PrintTraining(string directory, ModelMeta meta, bool promoted)
    {
        var o = CliConsole.Out;
        o.MarkupLineInterpolated($"[bold]model {meta.Version}[/] saved to {directory}{(promoted ? " (promoted)" : "")}");
        PrintMeta(meta);
    }

    public static void PrintMeta(ModelMeta meta)
    {
        var o = CliConsole.Out;
        var grid = new Grid().AddColumn().AddColumn();
        void Row(string k, string? v) => grid.AddRow(new Text(k), new Text(v ?? "-"));
        Row("type", $"{meta.ModelType}: input {meta.InputSize}, hidden {meta.Hidden}, layers {meta.NumLayers}, dropout {F(meta.Dropout)}, head ratio {F(meta.HeadHiddenRatio)}");
        Row("features", $"{meta.FeatureSet ?? "(unregistered list)"}: {meta.FeatureNames.Count} columns, hash {meta.FeatureHash[..Math.Min(16, meta.FeatureHash.Length)]}…");
        Row("window", $"seq_len {meta.SeqLen}, horizon {meta.Horizon}{(meta.Horizons.Count > 1 ? $" (heads: {string.Join(",", meta.Horizons)})" : "")} bars");
        if (meta.Data is { } d)
            Row("data", $"{d.Series} from {d.Source}: {d.Rows} candles, {Time(d.FirstOpenTime)} → {Time(d.LastOpenTime)}");
        if (meta.Split is { } s)
            Row("split", $"train {s.Train} / val {s.Validation} / test {s.Test} windows, purge {s.PurgeGap}, scaler fitted on {s.ScalerFittedOn}");
        if (meta.Training is { } t)
            Row("training", $"{t.EpochsRun}/{t.EpochsRequested} epochs{(t.StoppedEarly ? " (early stop)" : "")}, best epoch {t.BestEpoch} val loss {G(t.BestValLoss)}; " +
                            $"{t.Loss}; Adam lr {G(t.LearningRate)}, batch {t.BatchSize}, seed {t.Seed}");
        if (meta.ImportedFrom is { } i) Row("imported", $"{i.SourceDirectory}: {i.Note}");
        Row("created", meta.Created.ToString("u", CultureInfo.InvariantCulture));
        if (meta.LossPlot is not null) Row("loss plot", meta.LossPlot);
        o.Write(grid);
        foreach (var e in meta.Metrics ?? []) PrintEvaluation(e);
        foreach (var note in meta.Notes) o.MarkupLineInterpolated($"[grey]note: {note}[/]");
    }

    public static void PrintEvaluation(ForecastEvaluation e)
    {
        var o = CliConsole.Out;
        var table = new Table().Title($"test split, h = {e.Horizon} bars, {e.Count} windows")
            .AddColumn("return forecast").AddColumn("MAE").AddColumn("RMSE").AddColumn("direction");
        foreach (var s in new[] { e.Model, e.ZeroReturn, e.LastReturn })
            table.AddRow(s.Name, G(s.Mae), G(s.Rmse), s.DirectionalAccuracy is { } d ? d.ToString("P1", CultureInfo.InvariantCulture) : "n/a (no call)");
        table.AddEmptyRow();
        table.AddRow("volatility forecast", "MAE", "RMSE", "corr with realised");
        foreach (var v in new[] { e.ModelVolatility, e.LastVolatility })
            table.AddRow(v.Name, G(v.Mae), G(v.Rmse), v.Correlation is { } c ? c.ToString("F3", CultureInfo.InvariantCulture) : "n/a (constant)");
        o.Write(table);
        o.MarkupLine(e.BeatsBaselines
            ? "[green]the model's return RMSE is below both naive baselines on the test split[/]"
            : "[yellow]the model's return RMSE does not beat both naive baselines on the test split[/]");
    }

    private static string F(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
    private static string G(double v) => v.ToString("G5", CultureInfo.InvariantCulture);
    private static string Time(long ms) => ms <= 0 ? "?" : DateTimeOffset.FromUnixTimeMilliseconds(ms).ToString("u", CultureInfo.InvariantCulture);
}
