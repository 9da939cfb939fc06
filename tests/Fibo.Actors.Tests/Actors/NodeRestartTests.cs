using Fibo.Actors.Actors.Trading;
using Fibo.Actors.Hosting.Options;
using Fibo.Actors.Tests.Support;
using Fibo.Messages.Primitives;

namespace Fibo.Actors.Tests.Actors;

/// <summary>
/// A node stopped mid-run (its host disposed, as an operator stops it) and started again on the same files and Kafka:
/// the ledger comes back from the journal, no order is sent twice, and consumption resumes at the committed offsets
/// with no candle lost or counted twice.
/// </summary>
public sealed class NodeRestartTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(90);
    private const string Account = "paper-1";
    private readonly TempDirectory _dir = new("fibo-restart");
    private readonly KafkaTestBed _bed = new(partitions: 4);

    [Fact]
    public async Task Restart_recovers_the_ledger_sends_no_order_twice_and_resumes_at_the_committed_offsets()
    {
        var eth = SampleData.Load("ETH_BTC-5m.csv").Take(1400).ToArray();
        var ltc = SampleData.Load("LTC_BTC-5m.csv").Take(1400).ToArray();
        TinyPipelineModel.TrainAndPromote(_dir.Combine("models"), eth.Take(700).ToArray());
        var options = PipelineNode.OptionsFor(_dir, _bed, "restart", o =>
        {
            o.Trading.Threshold = 0;
            o.Trading.SnapshotEvery = 25; // recovery goes through a snapshot plus the events after it
            o.Kafka.MaxInFlight = 8;
        });
        var journalPath = _dir.File("journal.db");
        var persistenceId = OrderExecutorActor.PersistenceIdOf(Account);
        var firstHalf = PipelineEndToEndTests.Interleave(("ETH_BTC-5m", eth[..900]), ("LTC_BTC-5m", ltc[..900]));
        var secondHalf = PipelineEndToEndTests.Interleave(("ETH_BTC-5m", eth[900..]), ("LTC_BTC-5m", ltc[900..]));
        var total = eth.Length + ltc.Length;

        // Life 1: trades the first half, then is stopped while the second half is coming in.
        long storedBefore;
        await _bed.ProduceAsync(firstHalf);
        await using (var first = await PipelineNode.StartAsync(options))
        {
            await first.WaitForSeriesAsync(new Dictionary<string, long> { ["ETH_BTC-5m"] = eth[899].OpenTime, ["LTC_BTC-5m"] = ltc[899].OpenTime }, Wait);
            Assert.True((await first.LedgerAsync(Account)).Orders.Count > 10);
            await _bed.ProduceAsync(secondHalf);
            await Eventually.True(() => first.Metrics.CandlesWritten > 1800 + 50, Wait, () => $"written {first.Metrics.CandlesWritten}");
        }
        storedBefore = await StoredRowsAsync();
        var committedBefore = _bed.CommittedOffsets("restart").Values.Sum();
        var journalBefore = JournalFile.Read(journalPath, persistenceId);
        var ordersBefore = journalBefore.Where(r => r.Manifest == "order-intent-recorded.v1")
            .Select(r => r.Event.GetProperty("intent").GetProperty("clientOrderId").GetString()!).ToList();
        Assert.True(storedBefore < total, "the first life finished everything: the restart would test nothing");
        Assert.True(ordersBefore.Count > 10);

        // Life 2: same files, same consumer group.
        await using var second = await PipelineNode.StartAsync(options);
        await second.WaitForSeriesAsync(new Dictionary<string, long> { ["ETH_BTC-5m"] = eth[^1].OpenTime, ["LTC_BTC-5m"] = ltc[^1].OpenTime }, Wait);

        // No candle lost or stored twice, and none processed twice: the second life processed exactly what the store lacked.
        Assert.Equal(eth.Select(c => c.OpenTime), (await second.Store.ReadRangeAsync(SeriesKey.Parse("ETH_BTC-5m"))).Select(c => c.OpenTime));
        Assert.Equal(ltc.Select(c => c.OpenTime), (await second.Store.ReadRangeAsync(SeriesKey.Parse("LTC_BTC-5m"))).Select(c => c.OpenTime));
        var processedAfter = (await second.SeriesAsync("ETH_BTC-5m")).CandlesProcessed + (await second.SeriesAsync("LTC_BTC-5m")).CandlesProcessed;
        Assert.Equal(total - storedBefore, processedAfter);

        // It consumed from the committed offsets on: every record after them once (new or duplicate), none before them.
        var ingest = await second.IngestAsync();
        Assert.Equal(_bed.HighWatermarks().Values.Sum() - committedBefore, ingest.Stored + ingest.Duplicates + ingest.DeadLettered);
        await Eventually.True(() => _bed.CommittedOffsets("restart").Values.Sum() == _bed.HighWatermarks().Values.Sum(), Wait, () => "all offsets committed");

        // The ledger came back (snapshot + events) and went on; every order reached the broker at most once.
        var ledger = await second.LedgerAsync(Account);
        Assert.Subset(ledger.Orders.Select(o => o.Intent.ClientOrderId).ToHashSet(), ordersBefore.ToHashSet());
        Assert.True(ledger.Orders.Count > ordersBefore.Count, "trading went on after the restart");
        var journal = JournalFile.Read(journalPath, persistenceId);
        Assert.All(JournalFile.Submissions(journal), kv => Assert.Equal(1, kv.Value));
        Assert.Equal(journal.Count, journal.Select(r => r.SequenceNr).Distinct().Count());
        Assert.Equal(journal.Select(r => r.SequenceNr), journal.Select(r => r.SequenceNr).Order());
        // Orders the first life left open were reconciled with the (restored) paper book before the second life traded on.
        static string Id(JournalFile.Row r) => r.Event.TryGetProperty("clientOrderId", out var id) ? id.GetString()!
            : r.Event.GetProperty("intent").GetProperty("clientOrderId").GetString()!;
        var terminal = new[] { "order-filled.v1", "order-cancelled.v1", "order-rejected.v1" };
        var openAtStop = journalBefore.Where(r => r.Manifest == "order-submitted.v1").Select(Id)
            .Except(journalBefore.Where(r => terminal.Contains(r.Manifest)).Select(Id)).ToList();
        foreach (var id in openAtStop)
            Assert.Contains(journal.Skip(journalBefore.Count), r => r.Manifest == "order-reconciled.v1" && Id(r) == id);
    }

    private async Task<long> StoredRowsAsync()
    {
        await using var store = new Fibo.Actors.Infrastructure.MarketData.SqliteCandleStore(_dir.File("candles.db"), createIfMissing: false);
        return (await store.ListSeriesAsync()).Sum(s => s.Rows);
    }

    public void Dispose()
    {
        _bed.Dispose();
        _dir.Dispose();
    }
}
