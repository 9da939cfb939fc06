using System.Text;
using Akka.Actor;
using Akka.Streams;
using Fibo.Actors.Infrastructure.DeadLetters;
using Fibo.Actors.Infrastructure.Kafka;
using Fibo.Actors.Tests.Support;
using Fibo.Messages.MarketData;
using Fibo.Messages.Primitives;

namespace Fibo.Actors.Tests.Infrastructure.Kafka;

/// <summary>Kafka (mock cluster, real protocol) → our consumer stage → an acking target, with commits checked on the broker.</summary>
public sealed class CandleIngestStreamTests : IAsyncDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private static readonly string[] Series = ["ETH_BTC-5m", "LTC_BTC-5m", "XRP_ETH-5m", "ETH_BTC-1m", "XRP_ETH-1m"];

    private readonly KafkaTestBed _bed = new(partitions: 4);
    private readonly ActorSystem _system = ActorSystem.Create("ingest-tests", "akka.loglevel = WARNING");
    private readonly TempDirectory _dir = new();
    private readonly SqliteDeadLetterStore _deadLetters;
    private readonly string _group = "ingest-" + Guid.NewGuid().ToString("N")[..8];

    public CandleIngestStreamTests() => _deadLetters = new SqliteDeadLetterStore($"Data Source={_dir.File("dead.db")}");

    private (IActorRef Target, IngestTargetLog Log) Target(TimeSpan? delay = null, int? answerOnlyFirst = null, Func<IngestCandle, string?>? reject = null)
    {
        var log = new IngestTargetLog();
        var actor = _system.ActorOf(Props.Create(() => new IngestTargetActor(log, delay ?? TimeSpan.Zero, answerOnlyFirst, reject)));
        return (actor, log);
    }

    private CandleIngestControl Run(IActorRef target, int maxInFlight = 32, Func<KafkaConsumerSettings, KafkaConsumerSettings>? adjust = null) =>
        CandleIngestStream.Run(_bed.ConsumerSettings(_group, adjust), target, _deadLetters, maxInFlight, TimeSpan.FromSeconds(30),
            _system.Materializer());

    [Fact]
    public async Task Every_candle_arrives_in_per_series_order_and_offsets_are_committed_after_the_acks()
    {
        var market = KafkaTestBed.Market(Series, perSeries: 60);
        await _bed.ProduceAsync(market);
        var (target, log) = Target();

        var ingest = Run(target);
        await Eventually.True(() => ingest.Counters.Stored == market.Count, Wait, () => $"stored {ingest.Counters.Stored}/{market.Count}");
        await ingest.StopAsync();

        var expected = market.GroupBy(c => c.Series).ToDictionary(g => g.Key, g => g.Select(c => c.Candle.OpenTime).ToList());
        var received = log.ReceivedBySeries();
        Assert.Equal(expected.Keys.OrderBy(k => k.ToString()), received.Keys.OrderBy(k => k.ToString()));
        foreach (var (key, times) in expected) Assert.Equal(times, received[key]);
        Assert.All(log.Received, m => Assert.Equal(_bed.Topic, m.Source!.Value.Topic));

        // The broker holds the end of every partition as the group's position: nothing to redo.
        Assert.Equal(_bed.HighWatermarks().Where(kv => kv.Value > 0), _bed.CommittedOffsets(_group).OrderBy(kv => kv.Key));
        Assert.Equal(0, await _deadLetters.CountAsync());
    }

    [Fact]
    public async Task A_restarted_consumer_resumes_at_the_committed_offset_redelivering_only_the_unacked_tail()
    {
        var market = KafkaTestBed.Market(Series, perSeries: 40);
        await _bed.ProduceAsync(market);

        // Run 1: the store stalls after 90 candles; everything after that is read but never acked.
        var (stalled, log1) = Target(answerOnlyFirst: 90);
        var run1 = Run(stalled, maxInFlight: 16, s => s with { RevokeDrainTimeout = TimeSpan.FromMilliseconds(300) });
        await Eventually.True(() => log1.Acked.Count == 90 && log1.Received.Count > 90, Wait, () => $"acked {log1.Acked.Count}");
        // Stop consuming and commit what was acked. The stalled asks stay pending until their timeout (a real node would
        // be gone); note: never Dispose() an ActorMaterializer here, in Akka.Streams 1.5.73 that shuts down all of them.
        await run1.Consumer.StopAsync();
        var committed1 = _bed.CommittedOffsets(_group);
        Assert.Equal(90, committed1.Values.Sum()); // offsets start at 0: the acked prefix of every partition, exactly

        // Run 2: same group, a healthy store.
        var (healthy, log2) = Target();
        var run2 = Run(healthy);
        var remaining = market.Count - 90;
        await Eventually.True(() => log2.Acked.Count >= remaining, Wait, () => $"run 2 acked {log2.Acked.Count}/{remaining}");
        await Task.Delay(300); // nothing beyond the remaining candles may follow
        await run2.StopAsync();

        static string Id(IngestCandle m) => $"{m.Series}@{m.Candle.OpenTime}";
        var acked1 = log1.Acked.Select(Id).ToHashSet();
        var got2 = log2.Received.Select(Id).ToList();
        Assert.Empty(got2.Intersect(acked1));                          // nothing acked in run 1 comes again
        Assert.Equal(got2.Count, got2.Distinct().Count());              // nor twice in run 2
        Assert.Equal(market.Select(c => $"{c.Series}@{c.Candle.OpenTime}").OrderBy(x => x), acked1.Concat(got2).OrderBy(x => x)); // none lost
        var unackedTail = log1.Received.Select(Id).Except(acked1).ToHashSet();
        Assert.Subset(got2.ToHashSet(), unackedTail);                   // the redelivered ones were the un-acked tail
        foreach (var (key, times) in log2.ReceivedBySeries()) Assert.Equal(times.Order(), times); // still in order
        Assert.Equal(_bed.HighWatermarks().Where(kv => kv.Value > 0), _bed.CommittedOffsets(_group).OrderBy(kv => kv.Key));
    }

    /// <summary>
    /// A member joins mid-stream. Verified on the mock cluster: it refuses offset commits while the group rebalances
    /// ("Group rebalance in progress"; a real broker accepts them from the current generation until the rebalance
    /// completes), so a partition that moves can be redone from its last accepted commit by its new owner. Hence: nothing
    /// lost, no member ever redoes its own acked work, order kept per member, and any repeat is a moved partition's.
    /// </summary>
    [Fact]
    public async Task A_second_member_takes_over_partitions_with_nothing_lost_and_no_member_redoing_its_own_work()
    {
        var market = KafkaTestBed.Market(Series.Concat(["LTC_BTC-1m", "ETH_USDT-5m", "BTC_USDT-5m"]).ToArray(), perSeries: 50);
        await _bed.ProduceAsync(market);
        var (targetA, logA) = Target(delay: TimeSpan.FromMilliseconds(20)); // ~200 candles/s: the join lands mid-stream
        var (targetB, logB) = Target(delay: TimeSpan.FromMilliseconds(20));

        var first = Run(targetA, maxInFlight: 4);
        await Eventually.True(() => first.Counters.Stored >= 60, Wait, () => $"first stored {first.Counters.Stored}");
        var second = Run(targetB, maxInFlight: 4);
        static (SeriesKey, long) Id(IngestCandle m) => (m.Series, m.Candle.OpenTime);
        int Unique() => logA.Acked.Select(Id).Concat(logB.Acked.Select(Id)).Distinct().Count();
        await Eventually.True(() => Unique() == market.Count, Wait, () => $"acked {Unique()}/{market.Count} distinct candles");
        await Task.Delay(300);
        await Task.WhenAll(first.StopAsync(), second.StopAsync());

        Assert.True(first.Consumer.Rebalances >= 2, $"first member saw {first.Consumer.Rebalances} assignments");
        Assert.True(logB.Acked.Count > 0, "the second member got no partitions");
        var a = logA.Acked.Select(Id).ToList();
        var b = logB.Acked.Select(Id).ToList();
        Assert.Equal(a.Count, a.Distinct().Count());
        Assert.Equal(b.Count, b.Distinct().Count());
        foreach (var log in new[] { logA, logB })
        foreach (var (_, times) in log.ReceivedBySeries())
            Assert.Equal(times.Order(), times);
        Assert.Equal(_bed.HighWatermarks().Where(kv => kv.Value > 0), _bed.CommittedOffsets(_group).OrderBy(kv => kv.Key));
    }

    [Fact]
    public async Task An_unanswered_candle_fails_the_stream_without_committing_past_it()
    {
        var market = KafkaTestBed.Market(["ETH_BTC-5m"], perSeries: 10);
        await _bed.ProduceAsync(market);
        var (stalled, log) = Target(answerOnlyFirst: 4);

        var ingest = CandleIngestStream.Run(_bed.ConsumerSettings(_group), stalled, _deadLetters, maxInFlight: 2,
            askTimeout: TimeSpan.FromMilliseconds(500), _system.Materializer());

        await Assert.ThrowsAsync<AskTimeoutException>(() => ingest.Completion);
        await ingest.Consumer.Completion; // the consumer closed cleanly after its last commit
        Assert.Equal(4, ingest.Counters.Stored);
        Assert.Equal(4, _bed.CommittedOffsets(_group).Values.Single()); // offsets 0-3 done; 4 is redone by the next run
        Assert.Equal(0, await _deadLetters.CountAsync());
    }

    [Fact]
    public async Task Poison_records_go_to_the_dead_letter_table_and_the_partition_goes_on()
    {
        var key = SeriesKey.Parse("ETH_BTC-5m");
        var good = KafkaTestBed.Market([key.ToString()], perSeries: 6);
        await _bed.ProduceAsync(good.Take(2));
        await _bed.ProduceRawAsync(key.ToString(), "garbage, not JSON"u8.ToArray());
        await _bed.ProduceRawAsync(key.ToString(), Encoding.UTF8.GetBytes(
            """{"openTime":1700000700000,"open":"NaN","high":0.06,"low":0.04,"close":0.05,"volume":1}"""));
        await _bed.ProduceRawAsync(key.ToString(), Encoding.UTF8.GetBytes(
            """{"openTime":1700000700000,"open":0.05,"high":0.04,"low":0.06,"close":0.05,"volume":1}"""));
        await _bed.ProduceAsync(good.Skip(2));
        var rejectedTime = good[4].Candle.OpenTime;
        var (target, log) = Target(reject: m => m.Candle.OpenTime == rejectedTime ? "revision refused" : null);

        var ingest = Run(target);
        await Eventually.True(() => ingest.Counters.Stored == 5 && ingest.Counters.DeadLettered == 4, Wait,
            () => $"stored {ingest.Counters.Stored}, dead {ingest.Counters.DeadLettered}");
        await ingest.StopAsync();

        Assert.Equal(good.Select(c => c.Candle.OpenTime).Where(t => t != rejectedTime), log.Acked.Select(m => m.Candle.OpenTime));
        var letters = (await _deadLetters.ListAsync()).OrderBy(l => l.Offset).ToList();
        Assert.Equal(4, letters.Count);
        Assert.All(letters, l => Assert.Equal(key.ToString(), l.Key));
        Assert.Single(letters.Select(l => l.Partition).Distinct());
        Assert.Equal([2L, 3L, 4L, 7L], letters.Select(l => l.Offset));
        Assert.Equal("garbage, not JSON", Encoding.UTF8.GetString(letters[0].Value));
        Assert.Contains("undecodable", letters[0].Reason);
        Assert.Contains("non-finite", letters[1].Reason);
        Assert.Contains("high 0.04 < low 0.06", letters[2].Reason);
        Assert.Contains("revision refused", letters[3].Reason);
        // The partition's committed offset is past the poison: 9 records, all done.
        Assert.Equal(9, _bed.CommittedOffsets(_group)[letters[0].Partition]);
    }

    [Fact]
    public async Task A_slow_store_bounds_the_asks_in_flight_and_backpressures_the_consumer()
    {
        const int maxInFlight = 8, bufferSize = 40;
        var market = KafkaTestBed.Market(Series.Concat(["LTC_BTC-1m", "ETH_USDT-5m", "BTC_USDT-5m"]).ToArray(), perSeries: 40);
        await _bed.ProduceAsync(market);
        var (slow, log) = Target(delay: TimeSpan.FromMilliseconds(15));

        var ingest = Run(slow, maxInFlight, s => s with { BufferSize = bufferSize });
        var maxAhead = 0L;
        while (ingest.Counters.Stored < market.Count / 2)
        {
            // Read from Kafka but not yet answered by the store: bounded by the read-ahead buffer plus the asks in flight.
            maxAhead = Math.Max(maxAhead, ingest.Consumer.RecordsConsumed - ingest.Counters.Stored);
            await Task.Delay(10);
        }
        await Eventually.True(() => ingest.Counters.Stored == market.Count, Wait, () => $"stored {ingest.Counters.Stored}");
        await ingest.StopAsync();

        Assert.InRange(log.MaxOutstanding, 2, maxInFlight);
        Assert.InRange(ingest.Counters.MaxInFlightSeen, 2, maxInFlight);
        Assert.InRange(maxAhead, 1, bufferSize + maxInFlight + 2); // + a record or two read while the bound was checked
    }

    public async ValueTask DisposeAsync()
    {
        await _system.Terminate();
        await _deadLetters.DisposeAsync();
        _dir.Dispose();
        _bed.Dispose();
    }
}
