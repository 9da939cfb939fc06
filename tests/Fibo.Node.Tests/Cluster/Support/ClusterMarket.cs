using System.Text.Json;
using Fibo.Actors.Domain.Backtesting;
using Fibo.Actors.Domain.Features;
using Fibo.Actors.Domain.Prediction;
using Fibo.Actors.Domain.Trading;
using Fibo.Actors.Hosting.Options;
using Fibo.Actors.Infrastructure.Backtesting;
using Fibo.Actors.Infrastructure.MarketData.Files;
using Fibo.Messages.MarketData;
using Fibo.Messages.Primitives;
using Fibo.Node.Tests.Support;

namespace Fibo.Node.Tests.Cluster.Support;

/// <summary>One order as the ledger API shows it, the fields a second run must reproduce (no ids of a process or time).</summary>
public sealed record OrderRow(string ClientOrderId, string Series, string Side, string Purpose, decimal Quantity, decimal Filled, string Status,
    decimal? AverageFillPrice, decimal Fee, long CandleOpenTime)
{
    public static OrderRow From(LedgerOrder o) => new(o.ClientOrderId, o.Intent.Series.ToString(), o.Intent.Side.ToString(), o.Intent.Purpose.ToString(),
        o.Intent.Quantity, o.FilledQuantity, o.Status.ToString(), o.AverageFillPrice, o.TotalFee, o.Intent.CandleOpenTime);

    public static OrderRow From(JsonElement o) => new(o.GetProperty("clientOrderId").GetString()!, o.GetProperty("series").GetString()!,
        o.GetProperty("side").GetString()!, o.GetProperty("purpose").GetString()!, o.GetProperty("quantity").GetDecimal(),
        o.GetProperty("filledQuantity").GetDecimal(), o.GetProperty("status").GetString()!,
        o.GetProperty("averageFillPrice").ValueKind == JsonValueKind.Null ? null : o.GetProperty("averageFillPrice").GetDecimal(),
        o.GetProperty("fee").GetDecimal(), o.GetProperty("candleOpenTime").GetInt64());
}

/// <summary>
/// The market the cluster tests replay: six real Binance series (the test data and <c>data/sample</c>), the first
/// <c>candlesPerSeries</c> candles of each, written as CSV files for <c>fibo replay</c>; and what a single node makes of them
/// (the same decision chain, run by the backtester with the persistence forecast the nodes serve).
/// </summary>
public sealed class ClusterMarket
{
    private static readonly string[] Files = ["ETH_BTC-5m.csv", "LTC_BTC-5m.csv", "XRP_ETH-5m.csv", "ETH_BTC-1m.csv", "XRP_ETH-1m.csv", "UNITTEST_BTC-30m.csv"];

    /// <summary>The persistence forecaster's window, as <c>PersistenceForecastSource</c> builds it (v2, <c>PersistenceSeqLen</c> 32).</summary>
    private const int SeqLen = 32;

    private ClusterMarket(IReadOnlyDictionary<SeriesKey, IReadOnlyList<Candle>> series, IReadOnlyList<string> paths, double threshold)
    {
        Series = series;
        Paths = paths;
        Threshold = threshold;
    }

    public IReadOnlyDictionary<SeriesKey, IReadOnlyList<Candle>> Series { get; }
    public IReadOnlyList<string> Paths { get; }
    public double Threshold { get; }
    public long TotalCandles => Series.Values.Sum(c => c.Count);

    public static async Task<ClusterMarket> WriteAsync(string folder, int candlesPerSeries, double threshold)
    {
        var series = new Dictionary<SeriesKey, IReadOnlyList<Candle>>();
        var paths = new List<string>();
        Directory.CreateDirectory(folder);
        foreach (var file in Files)
        {
            var (key, candles) = BacktestInput.Load(TempDir.MarketDataFile(file));
            var taken = candles.Take(candlesPerSeries).ToList();
            var path = Path.Combine(folder, file);
            await CandleFileWriter.WriteAsync(path, taken);
            series[key] = taken;
            paths.Add(path);
        }
        return new ClusterMarket(series, paths, threshold);
    }

    /// <summary>
    /// The orders one node makes of this market: per series the backtester (the same <see cref="SeriesDecisionChain"/>, policy
    /// and paper fills at the next open as the series entity and the executor), in candle order. One account trades every
    /// series; entries are sized on the policy's equity, not on cash, so the series do not affect each other's orders.
    /// </summary>
    public IReadOnlyList<OrderRow> SingleNodeOrders(out decimal realizedPnl, out decimal fees)
    {
        var trading = new TradingOptions { Threshold = Threshold, DecisionClock = DecisionClock.Candle };
        var options = new BacktestOptions { Account = FiboCluster.Account, Policy = trading.PolicyOptions(), FeeBps = trading.FeeBps, SlippageBps = trading.SlippageBps };
        var set = FeatureRegistry.V2;
        var rows = new List<OrderRow>();
        realizedPnl = 0;
        fees = 0;
        foreach (var (key, candles) in Series)
        {
            var result = new Backtester(options, () => new StreamingFeatureWindow(set, set.Columns, SeqLen, key.Timeframe),
                new PersistenceForecaster(set.Columns, SeqLen)).Run(key, candles);
            rows.AddRange(result.Orders.Select(OrderRow.From));
            realizedPnl += result.Ledger.RealizedPnl;
            fees += result.Ledger.FeesPaid;
        }
        return Sorted(rows);
    }

    /// <summary>Orders in a canonical order (series, candle, id) for comparing two runs.</summary>
    public static IReadOnlyList<OrderRow> Sorted(IEnumerable<OrderRow> rows) =>
        rows.OrderBy(r => r.Series, StringComparer.Ordinal).ThenBy(r => r.CandleOpenTime).ThenBy(r => r.ClientOrderId, StringComparer.Ordinal).ToList();

    /// <summary>The candle store's key of a series (the <c>ohlcv</c> table's symbol and timeframe columns).</summary>
    public static string StoreKey(SeriesKey key) => $"{key.Symbol.Exchange}|{key.Timeframe.Code}";
}
