using Fibo.Actors.Infrastructure.MarketData;
using Fibo.Actors.Tests.Support;
using Fibo.Messages.MarketData;
using Fibo.Messages.Primitives;
using Microsoft.Extensions.DependencyInjection;

namespace Fibo.Actors.Tests.Actors;

/// <summary>
/// The candle store fails under a running series entity: the entity restarts with backoff and rebuilds from the store,
/// the ingest stream restarts from the committed offsets, and in the end every candle is stored once, in order, and the
/// entity decides on, with nothing sent to Kafka's commit that was not durable.
/// </summary>
public sealed class SeriesEntityFailureTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private readonly TempDirectory _dir = new("fibo-crash");
    private readonly KafkaTestBed _bed = new(partitions: 2);

    [Fact]
    public async Task A_failing_store_restarts_the_entity_which_rebuilds_from_the_store_and_loses_nothing()
    {
        var candles = SampleData.Load("XRP_ETH-5m.csv");
        TinyPipelineModel.TrainAndPromote(_dir.Combine("models"), candles);
        var flaky = new FlakyCandleStore(new SqliteCandleStore(_dir.File("candles.db")));
        var options = PipelineNode.OptionsFor(_dir, _bed, "crash", o => o.Kafka.MaxInFlight = 16);
        var key = SeriesKey.Parse("XRP_ETH-5m");

        await _bed.ProduceAsync(candles.Take(300).Select(c => new Fibo.Actors.Infrastructure.Kafka.KeyedCandle(key, c)));
        await using var node = await PipelineNode.StartAsync(options, s => s.AddSingleton<ICandleStore>(flaky));
        await node.WaitForSeriesAsync(new Dictionary<string, long> { [key.ToString()] = candles[299].OpenTime }, Wait);
        var before = await node.SeriesAsync(key.ToString());
        Assert.Equal(300, before.CandlesProcessed);

        // The disk fails while more candles come in, then recovers.
        flaky.Failing = true;
        await _bed.ProduceAsync(candles.Skip(300).Select(c => new Fibo.Actors.Infrastructure.Kafka.KeyedCandle(key, c)));
        await Eventually.True(() => flaky.Failures >= 2, Wait, () => $"failures {flaky.Failures}");
        flaky.Failing = false;

        await node.WaitForSeriesAsync(new Dictionary<string, long> { [key.ToString()] = candles[^1].OpenTime }, Wait);
        var after = await node.SeriesAsync(key.ToString());
        // A new incarnation: it rebuilt from the 300 stored candles (its counter started over there: the old one would
        // say 712), processed each later candle once, as the failed transactions' candles came back through Kafka, and
        // its window is full again and it predicts on.
        Assert.Equal(candles.Length - 300, after.CandlesProcessed);
        Assert.Equal(TinyPipelineModel.SeqLen, after.WindowFill);
        Assert.True(after.Predictions > 0);
        Assert.Equal(candles.Select(c => c.OpenTime), (await node.Store.ReadRangeAsync(key)).Select(c => c.OpenTime));
        var ingest = await node.IngestAsync();
        Assert.True(ingest.Restarts >= 1, "the ingest stream did not restart after its asks failed");
        await Eventually.True(() => _bed.CommittedOffsets("crash").Values.Sum() == candles.Length, Wait, () => "all offsets committed");
    }

    public void Dispose()
    {
        _bed.Dispose();
        _dir.Dispose();
    }
}
