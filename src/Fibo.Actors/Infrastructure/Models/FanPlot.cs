using Fibo.Actors.Domain.Prediction;

namespace Fibo.Actors.Infrastructure.Models;

/// <summary>The multi-horizon fan as a PNG: recent closes, the predicted price per horizon and its bands.</summary>
public static class FanPlot
{
    /// <param name="recentCloses">The closes before and including the current one (oldest first).</param>
    public static void Write(string path, IReadOnlyList<double> recentCloses, IReadOnlyList<FanPoint> fan, string title, int width = 1000, int height = 550)
    {
        var plot = new ScottPlot.Plot();
        var n = recentCloses.Count;
        var history = plot.Add.Scatter(Enumerable.Range(0, n).Select(i => (double)(i - n + 1)).ToArray(), recentCloses.ToArray());
        history.LegendText = "close";
        history.MarkerSize = 0;

        var xs = new[] { 0.0 }.Concat(fan.Select(p => (double)p.Horizon)).ToArray();
        var now = recentCloses[^1];
        double[] Series(Func<FanPoint, double> pick) => new[] { now }.Concat(fan.Select(pick)).ToArray();
        var band68 = plot.Add.FillY(xs, Series(p => p.Lower68), Series(p => p.Upper68));
        band68.LegendText = "r ± σ (seed's \"68%\", uncalibrated)";
        band68.FillColor = ScottPlot.Colors.Orange.WithAlpha(0.2);
        var band55 = plot.Add.FillY(xs, Series(p => p.Lower55), Series(p => p.Upper55));
        band55.LegendText = "r ± 0.76σ (seed's \"55%\", uncalibrated)";
        band55.FillColor = ScottPlot.Colors.Orange.WithAlpha(0.35);
        var median = plot.Add.Scatter(xs, Series(p => p.Price));
        median.LegendText = "predicted price";
        plot.Title(title);
        plot.XLabel("bars from the last candle");
        plot.YLabel("price");
        plot.ShowLegend(ScottPlot.Alignment.UpperLeft);
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        plot.SavePng(path, width, height);
    }
}
