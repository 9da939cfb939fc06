using System.Globalization;
using Fibo.Actors.Domain.Prediction;

namespace Fibo.Actors.Infrastructure.Models;

/// <summary>
/// The training and validation loss per epoch as a PNG (ScottPlot), on a log scale (the first epoch's loss is often
/// orders of magnitude above the rest), with the best epoch marked.
/// </summary>
public static class LossCurvePlot
{
    public static void Write(string path, IReadOnlyList<EpochReport> history, string title, int width = 900, int height = 500)
    {
        var plot = new ScottPlot.Plot();
        var epochs = history.Select(h => (double)h.Epoch).ToArray();
        var train = plot.Add.Scatter(epochs, history.Select(h => Log(h.TrainLoss)).ToArray());
        train.LegendText = "train loss";
        var val = plot.Add.Scatter(epochs, history.Select(h => Log(h.ValLoss)).ToArray());
        val.LegendText = "validation loss";
        if (history.Count > 0 && history[^1].BestEpoch > 0)
        {
            var best = plot.Add.VerticalLine(history[^1].BestEpoch);
            best.LegendText = $"best epoch {history[^1].BestEpoch} (weights kept)";
            best.LinePattern = ScottPlot.LinePattern.Dashed;
        }
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = y => Math.Pow(10, y).ToString("0.#E+0", CultureInfo.InvariantCulture),
        };
        plot.Title(title);
        plot.XLabel("epoch");
        plot.YLabel("loss (log scale)");
        plot.ShowLegend();
        plot.SavePng(path, width, height);
    }

    // Non-finite or non-positive losses (a diverged epoch) are drawn at the bottom rather than breaking the plot.
    private static double Log(double v) => v > 0 && double.IsFinite(v) ? Math.Log10(v) : double.NaN;
}
