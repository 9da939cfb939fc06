using System.Globalization;
using Fibo.Actors.Domain.Backtesting;
using Fibo.Actors.Domain.Trading;
using Spectre.Console;

namespace Fibo.Node.Cli;

/// <summary>What <c>fibo backtest</c> shows: the last round trips and the statistics, as tables or as JSON.</summary>
internal static class BacktestReport
{
    public static void Print(BacktestResult r, string modelVersion, string csvPath, string pngPath, int tradesShown)
    {
        var s = r.Statistics;
        var inv = CultureInfo.InvariantCulture;
        var trades = r.Ledger.ClosedTrades;
        if (tradesShown > 0 && trades.Count > 0)
        {
            var table = new Table().Title($"last {Math.Min(tradesShown, trades.Count)} of {trades.Count} trades")
                .AddColumns("opened (UTC)", "closed (UTC)", "side", "quantity", "entry", "exit", "net PnL");
            foreach (var t in trades.Skip(Math.Max(0, trades.Count - tradesShown)))
                table.AddRow(Time(t.OpenedAtMs), Time(t.ClosedAtMs), t.Side == Fibo.Messages.Trading.OrderSide.Buy ? "long" : "short",
                    Quantity(t.Quantity), Price(t.AverageEntryPrice), Price(t.AverageExitPrice), Money(t.NetPnl));
            CliConsole.Out.Write(table);
        }

        var summary = new Table().Title($"backtest {r.Series} with model {Markup.Escape(modelVersion)}").AddColumns("", "");
        summary.HideHeaders();
        void Row(string name, string value) => summary.AddRow(name, Markup.Escape(value));
        Row("candles / predictions", $"{s.Candles} / {s.Predictions}");
        Row("orders (filled)", $"{s.Orders} ({s.FilledOrders})");
        Row("trades (won)", $"{s.Trades} ({s.WinningTrades})");
        Row("win rate", (s.WinRate * 100).ToString("0.##", inv) + " %");
        Row("total PnL", $"{Money(s.TotalPnl)} ({s.ReturnPct.ToString("0.###", inv)} %)");
        Row("final equity", Money(s.FinalEquity));
        Row("fees paid", Money(s.FeesPaid));
        Row("Sharpe (annualized)", s.Sharpe.ToString("0.###", inv));
        Row("max drawdown", $"{s.MaxDrawdownPct.ToString("0.###", inv)} % ({Money(s.MaxDrawdown)})");
        Row("exposure", (s.Exposure * 100).ToString("0.##", inv) + " %");
        Row("order list hash", s.OrderListHash[..16]);
        Row("ledger CSV", csvPath);
        Row("equity PNG", pngPath);
        CliConsole.Out.Write(summary);
    }

    public static object Json(BacktestResult r, string modelVersion, string csvPath, string pngPath) => new
    {
        series = r.Series.ToString(),
        model = modelVersion,
        statistics = r.Statistics,
        holds = r.Holds.ToDictionary(kv => kv.Key.ToString(), kv => kv.Value),
        trades = r.Ledger.ClosedTrades.Select(t => new
        {
            openedAtMs = t.OpenedAtMs, closedAtMs = t.ClosedAtMs, side = t.Side.ToString(), quantity = t.Quantity,
            entry = t.AverageEntryPrice, exit = t.AverageExitPrice, grossPnl = t.GrossPnl, fees = t.Fees, netPnl = t.NetPnl,
        }),
        ledgerCsv = csvPath,
        equityPng = pngPath,
    };

    private static string Time(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
    private static string Money(decimal d) => Math.Round(d, 8).ToString("0.########", CultureInfo.InvariantCulture);
    private static string Price(decimal d) => Math.Round(d, 8).ToString("0.########", CultureInfo.InvariantCulture);
    private static string Quantity(decimal d) => Math.Round(d, 4).ToString("0.####", CultureInfo.InvariantCulture);
}
