using System.Globalization;
using Akka.Actor;
using Fibo.Actors.Domain.Backtesting;
using Fibo.Actors.Domain.Features;
using Fibo.Actors.Domain.Prediction;
using Fibo.Actors.Domain.Trading;
using Fibo.Actors.Hosting;
using Fibo.Actors.Hosting.Options;
using Fibo.Actors.Infrastructure.MarketData;
using Fibo.Actors.Tests.Support;
using Fibo.Messages.MarketData;
using Fibo.Messages.Primitives;
using Fibo.Messages.Trading;

namespace Fibo.Actors.Tests.Actors;

/// <summary>
/// A series entity that starts where an earlier life stored candles it never decided (its node left, crashed, or handed
/// the shard off with decisions queued) decides them on start: the ledger ends up exactly as if one entity had decided
/// every candle (the backtester over the same candles), and nothing decided before is ordered twice.
/// </summary>
public sealed class SeriesRedecideTests : IDisposable
{
    private const string Account = "paper-1";
    private const double Threshold = 0.002;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private static readonly SeriesKey Xrp = SeriesKey.Parse("XRP_ETH-5m");
    private readonly TempDirectory _dir = new("fibo-redecide");
    private readonly Candle[] _candles = SampleData.Load("XRP_ETH-5m.csv")[..360];

    [Fact]
    public async Task Stored_candles_after_the_last_intent_are_decided_when_the_entity_starts_and_the_orders_equal_one_uninterrupted_run()
    {
        var options = PipelineNode.OptionsFor(_dir, null, "unused", o =>
        {
            o.Node.Roles = [FiboRoles.Compute, FiboRoles.Trading];
            o.Pipeline.Forecaster = ForecasterKind.Persistence;
            o.Trading.Threshold = Threshold;
        });
        var expected = Backtest(_candles);
        Assert.True(expected.Count(r => CandleOf(r) >= _candles[300].OpenTime) >= 2, "the last 60 candles make no order: the test would prove nothing");

        // Life 1: 300 candles ingested and decided; then 60 more reach the store but no decision (the entity died first).
        await using (var first = await PipelineNode.StartAsync(options))
        {
            var region = await first.Registry.GetAsync<SeriesRegion>();
            foreach (var c in _candles[..300]) await region.Ask<CandleIngested>(new IngestCandle(Xrp, c), PipelineNode.Ask);
            await WaitDecidedAsync(first, _candles[299].OpenTime);
            Assert.Equal(Backtest(_candles[..300]), Rows(await first.LedgerAsync(Account)));
            await first.Store.WriteAsync(Xrp, _candles[300..], CandleWriteMode.Stream, "kafka");
        }

        // Life 2 on the same store and journal: the entity reads 360 candles back and decides those after its last intent.
        await using var second = await PipelineNode.StartAsync(options);
        await WaitDecidedAsync(second, _candles[^1].OpenTime);
        var status = await second.SeriesAsync(Xrp.ToString());
        Assert.Equal(0, status.CandlesProcessed); // nothing came from Kafka: the decisions are the store's candles
        Assert.Equal(expected, Rows(await second.LedgerAsync(Account)));
        var journal = JournalFile.Read(_dir.File("journal.db"), Fibo.Actors.Actors.Trading.OrderExecutorActor.PersistenceIdOf(Account));
        Assert.All(JournalFile.Submissions(journal), kv => Assert.Equal(1, kv.Value));
    }

    private static async Task WaitDecidedAsync(PipelineNode node, long lastOpenTime)
    {
        SeriesStatus? s = null;
        await Eventually.True(() =>
        {
            s = node.SeriesAsync(Xrp.ToString()).GetAwaiter().GetResult();
            return s.State == "running" && s.LastCandle?.OpenTime == lastOpenTime && s.PendingDecisions == 0;
        }, Wait, () => $"state {s?.State}, last {s?.LastCandle?.OpenTime}, pending {s?.PendingDecisions}");
    }

    /// <summary>One node deciding every candle once: the backtester with the persistence forecast the node serves.</summary>
    private static List<string> Backtest(Candle[] candles)
    {
        var trading = new TradingOptions { Threshold = Threshold, DecisionClock = DecisionClock.Candle };
        var options = new BacktestOptions { Account = Account, Policy = trading.PolicyOptions(), FeeBps = trading.FeeBps };
        var set = FeatureRegistry.V2;
        var seqLen = new PipelineOptions().PersistenceSeqLen;
        var result = new Backtester(options, () => new StreamingFeatureWindow(set, set.Columns, seqLen, Xrp.Timeframe), new PersistenceForecaster(set.Columns, seqLen))
            .Run(Xrp, candles);
        return result.Orders.Select(o => Row(o.Intent, o.Status, o.Fills.Select(f => (f.Price, f.Fee, f.Quantity)))).ToList();
    }

    private static List<string> Rows(LedgerSnapshot ledger) =>
        ledger.Orders.OrderBy(o => o.Sequence).Select(o => Row(o.Intent, o.Status, o.Fills.Select(f => (f.Price, f.Fee, f.Quantity)))).ToList();

    private static string Row(OrderIntent i, OrderStatus status, IEnumerable<(decimal Price, decimal Fee, decimal Quantity)> fills)
    {
        var filled = string.Join(";", fills.Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Quantity}@{f.Price} fee {f.Fee}")));
        return string.Create(CultureInfo.InvariantCulture, $"{i.ClientOrderId} {i.CandleOpenTime} {i.Side} {i.Purpose} {i.Quantity} {status} {filled}");
    }

    private static long CandleOf(string row) => long.Parse(row.Split(' ')[1], CultureInfo.InvariantCulture);

    public void Dispose() => _dir.Dispose();
}
