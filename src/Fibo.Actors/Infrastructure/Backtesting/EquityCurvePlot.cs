using Fibo.Actors.Domain.Backtesting;

namespace Fibo.Actors.Infrastructure.Backtesting;

/// <summary>Writes a backtest's equity curve as a PNG (ScottPlot, headless): equity over UTC time, with the start level.</summary>
public static class EquityCurvePlot
{
    public static void SavePng(string path, BacktestResult result, int width = 1200, int height = 600)
    {
        var curve = result.EquityCurve;
        if (curve.Count == 0) throw new ArgumentException("the backtest has no equity points to plot", nameof(result));
        var xs = curve.Select(p => DateTimeOffset.FromUnixTimeMilliseconds(p.TimeMs).UtcDateTime.ToOADate()).ToArray();
        var ys = curve.Select(p => (double)p.Equity).ToArray();

        var plot = new ScottPlot.Plot();
        var line = plot.Add.ScatterLine(xs, ys);
        line.LegendText = "equity";
        var start = plot.Add.HorizontalLine((double)result.Statistics.InitialEquity);
        start.LinePattern = ScottPlot.LinePattern.Dashed;
        start.LegendText = "start";
        plot.Axes.DateTimeTicksBottom();
        var s = result.Statistics;
        plot.Title($"{result.Series}: PnL {s.TotalPnl:0.####} ({s.ReturnPct:0.##} %), Sharpe {s.Sharpe:0.##}, max DD {s.MaxDrawdownPct:0.##} %, {s.Trades} trades");
        plot.YLabel($"equity ({Domain.Trading.Ledger.QuoteAsset(result.Series)})");
        plot.ShowLegend();
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        plot.SavePng(path, width, height);
    }
}
