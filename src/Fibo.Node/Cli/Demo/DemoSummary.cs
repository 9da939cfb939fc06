using System.Globalization;
using Fibo.Actors.Actors.Common;
using Fibo.Actors.Domain.Trading;
using Fibo.Messages.MarketData;
using Fibo.Messages.Primitives;
using Fibo.Messages.Trading;
using Spectre.Console;

namespace Fibo.Node.Cli.Demo;

/// <summary>One series' result: what the pipeline did with it and what it earned (quote units; PnL net of fees).</summary>
internal sealed record DemoSeriesResult(
    string Series, string Quote, int Candles, long Predictions, int Orders, int Fills, int RoundTrips,
    decimal Position, decimal RealizedNet, decimal Unrealized, decimal Pnl);

/// <summary>Totals of one quote asset (series quoted in BTC and in ETH do not add up).</summary>
internal sealed record DemoTotal(string Quote, int Candles, long Predictions, int Orders, int Fills, decimal RealizedNet, decimal Unrealized, decimal Pnl);

internal sealed record DemoFiles(string CandleStore, string Journal, string LedgerCsv, IReadOnlyList<string> Plots, string LossPlot, string Log, string Models);

/// <summary>What <c>fibo demo</c> prints at the end (and writes as JSON with --json).</summary>
internal sealed record DemoSummary(
    string Model, bool ModelTrainedNow, string ModelTrainedOn, double Seconds, double CandlesPerSecond, double DecisionP50Ms, double DecisionP99Ms,
    IReadOnlyList<DemoSeriesResult> Series, IReadOnlyList<DemoTotal> Totals, DemoFiles Files, string Dashboard, bool Following)
{
    public static DemoSummary Build(DemoModel.Result model, DemoSettings settings, IReadOnlyList<(SeriesKey Key, IReadOnlyList<Candle> Candles)> series,
        IReadOnlyDictionary<SeriesKey, SeriesStatus> statuses, LedgerSnapshot ledger, PipelineMetrics metrics, TimeSpan elapsed,
        IReadOnlyList<string> plots, string dashboard)
    {
        var rows = series.Select(s =>
        {
            var key = s.Key;
            var last = (decimal)s.Candles[^1].Close;
            var orders = ledger.Orders.Where(o => o.Intent.Series == key).ToList();
            var position = ledger.Positions.FirstOrDefault(p => p.Series == key);
            var realized = position is null ? 0m : position.RealizedPnl - position.Fees;
            var unrealized = position is null ? 0m : position.Quantity * (last - position.AverageEntryPrice);
            // Fees of an open position's entry are in Fees already; its PnL is realized net + the open part at the last close.
            return new DemoSeriesResult(key.ToString(), Ledger.QuoteAsset(key), s.Candles.Count, statuses[key].Predictions, orders.Count,
                orders.Sum(o => o.Fills.Count), ledger.ClosedTrades.Count(t => t.Series == key), position?.Quantity ?? 0, realized, unrealized, realized + unrealized);
        }).ToList();
        var totals = rows.GroupBy(r => r.Quote).Select(g => new DemoTotal(g.Key, g.Sum(r => r.Candles), g.Sum(r => r.Predictions), g.Sum(r => r.Orders),
            g.Sum(r => r.Fills), g.Sum(r => r.RealizedNet), g.Sum(r => r.Unrealized), g.Sum(r => r.Pnl))).ToList();
        var data = model.Meta.Data;
        var trainedOn = data is null ? "(unknown)" : $"{data.Series}: {data.Rows:N0} candles up to {Time(data.LastOpenTime)} ({data.Source}); trades on it before then are in-sample";
        var total = rows.Sum(r => r.Candles);
        return new DemoSummary(model.Version, model.TrainedNow, trainedOn, elapsed.TotalSeconds, total / Math.Max(0.001, elapsed.TotalSeconds),
            metrics.DecisionLatency.Percentile(0.5) / 1000, metrics.DecisionLatency.Percentile(0.99) / 1000, rows, totals,
            new DemoFiles(settings.CandleDb, settings.JournalDb, settings.LedgerCsv, plots,
                Path.Combine(settings.ModelsDirectory, model.Version, "loss.png"), settings.LogFilesWritten, settings.ModelsDirectory),
            dashboard, settings.Follow);
    }

    public void Print()
    {
        var o = CliConsole.Out;
        var table = new Table().Title("[bold]fibo demo: paper trading on replayed Binance candles[/]")
            .AddColumns("series", "candles", "predictions", "orders", "round trips", "position", "realized", "unrealized", "PnL");
        foreach (var r in Series)
            table.AddRow(r.Series, N(r.Candles), N(r.Predictions), N(r.Orders), N(r.RoundTrips), D(r.Position), M(r.RealizedNet),
                M(r.Unrealized), Q(r.Pnl, r.Quote));
        foreach (var t in Totals)
            table.AddRow($"[bold]total {t.Quote}[/]", N(t.Candles), N(t.Predictions), N(t.Orders), "", "", M(t.RealizedNet),
                M(t.Unrealized), $"[bold]{Markup.Escape(Q(t.Pnl, t.Quote))}[/]");
        foreach (var c in table.Columns.Skip(1)) c.RightAligned();
        o.Write(table);
        o.MarkupLineInterpolated($"model        {Model}{(ModelTrainedNow ? " (trained in this run)" : "")}; trained on {ModelTrainedOn}");
        o.MarkupLineInterpolated($"throughput   {Series.Sum(s => s.Candles):N0} candles through Kafka → series → store → LSTM → policy → ledger in {Seconds:0.0} s ({CandlesPerSecond:N0} candles/s); decision latency p50 {DecisionP50Ms:0.0} ms, p99 {DecisionP99Ms:0.0} ms");
        o.MarkupLineInterpolated($"candles      {Files.CandleStore} (SQLite, the seed's ohlcv table)");
        o.MarkupLineInterpolated($"ledger       {Files.LedgerCsv} (journal: {Files.Journal})");
        o.MarkupLineInterpolated($"plots        {string.Join(", ", Files.Plots)}; training loss: {Files.LossPlot}");
        o.MarkupLineInterpolated($"log          {Files.Log}");
        o.MarkupLineInterpolated($"dashboard    {Dashboard}{(Following ? " (up until Ctrl+C)" : " (the node has stopped: run 'fibo demo --follow' to keep it and its dashboard up)")}");
        o.MarkupLine("[grey]PnL in each series' quote asset, net of the paper broker's 0.1 % fees (realized: closed trades; unrealized: the open position at the last close); sizes follow the seed (1 % of a 10,000 equity per entry).[/]");
    }

    private static string N(long v) => v.ToString("N0", CultureInfo.InvariantCulture);
    private static string D(decimal v) => LedgerCsv.Number(v);
    private static string M(decimal v) => v.ToString("0.######", CultureInfo.InvariantCulture);
    private static string Q(decimal v, string quote) => $"{M(v)} {quote}";
    private static string Time(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
