using Fibo.Messages.MarketData;
using Fibo.Messages.Primitives;
using Fibo.Messages.Trading;

namespace Fibo.Actors.Infrastructure.Trading;

/// <summary>
/// One series' trading as a PNG (ScottPlot, headless): the close price over UTC time with every fill marked (buys green,
/// sells red) and, on the right axis, the cumulative net realized PnL of its round trips.
/// </summary>
public static class SeriesTradesPlot
{
    public static void SavePng(string path, SeriesKey series, IReadOnlyList<Candle> candles, LedgerSnapshot ledger, int width = 1400, int height = 800)
    {
        if (candles.Count == 0) throw new ArgumentException($"no candles of {series} to plot", nameof(candles));
        static double X(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime.ToOADate();

        var price = new ScottPlot.Plot();
        var line = price.Add.ScatterLine(candles.Select(c => X(c.OpenTime)).ToArray(), candles.Select(c => c.Close).ToArray());
        line.LegendText = "close";
        line.LineWidth = 1;
        var orders = ledger.Orders.Where(o => o.Intent.Series == series).ToList();
        foreach (var (side, color) in new[] { (OrderSide.Buy, ScottPlot.Colors.Green), (OrderSide.Sell, ScottPlot.Colors.Red) })
        {
            var fills = orders.Where(o => o.Intent.Side == side).SelectMany(o => o.Fills).ToList();
            if (fills.Count == 0) continue;
            var markers = price.Add.Markers(fills.Select(f => X(f.AtMs)).ToArray(), fills.Select(f => (double)f.Price).ToArray(), ScottPlot.MarkerShape.FilledCircle, 6, color);
            markers.LegendText = side == OrderSide.Buy ? "buy fills" : "sell fills";
        }

        var trades = ledger.ClosedTrades.Where(t => t.Series == series).OrderBy(t => t.ClosedAtMs).ToList();
        var xs = new List<double> { X(candles[0].OpenTime) };
        var ys = new List<double> { 0 };
        var total = 0m;
        foreach (var t in trades)
        {
            total += t.GrossPnl - t.Fees;
            xs.Add(X(t.ClosedAtMs));
            ys.Add((double)total);
        }
        xs.Add(X(candles[^1].OpenTime));
        ys.Add((double)total);
        var step = price.Add.ScatterLine(xs.ToArray(), ys.ToArray());
        step.ConnectStyle = ScottPlot.ConnectStyle.StepHorizontal;
        step.LegendText = "cumulative net realized PnL (right axis)";
        step.Axes.YAxis = price.Axes.Right;
        price.Axes.Right.Label.Text = $"net realized PnL ({Domain.Trading.Ledger.QuoteAsset(series)})";

        price.Axes.DateTimeTicksBottom();
        price.Title($"{series}: {orders.Count} orders, {orders.Sum(o => o.Fills.Count)} fills, {trades.Count} round trips, net realized {total:0.########}");
        price.YLabel($"price ({Domain.Trading.Ledger.QuoteAsset(series)})");
        price.ShowLegend();
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        price.SavePng(path, width, height);
    }
}
