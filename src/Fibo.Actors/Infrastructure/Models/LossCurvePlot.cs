using Fibo.Actors.Domain.Prediction;

namespace Fibo.Actors.Infrastructure.Models;

/// <summary>The training and validation loss per epoch as a PNG (ScottPlot), with the best epoch marked.</summary>
public static class LossCurvePlot
{
    public static void Write(string path, IReadOnlyList<EpochReport> history, string title, int width = 900, int height = 500)
    {
        var plot = new ScottPlot.Plot();
        var epochs = history.Select(h => (double)h.Epoch).ToArray();
        var train = plot.Add.Scatter(epochs, history.Select(h => h.TrainLoss).ToArray());
        train.LegendText = "train loss";
        var val = plot.Add.Scatter(epochs, history.Select(h => h.ValLoss).ToArray());
        val.LegendText = "validation loss";
        if (history.Count > 0 && history[^1].BestEpoch > 0)
        {
            var best = plot.Add.VerticalLine(history[^1].BestEpoch);
            best.LegendText = $"best epoch {history[^1].BestEpoch}";
            best.LinePattern = ScottPlot.LinePattern.Dashed;
        }
        plot.Title(title);
        plot.XLabel("epoch");
        plot.YLabel("loss");
        plot.ShowLegend();
        plot.SavePng(path, width, height);
    }
}
