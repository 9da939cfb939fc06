using Confluent.Kafka;
using Fibo.Actors.Infrastructure.Kafka;
using Fibo.Messages.MarketData;
using Fibo.Messages.Primitives;

namespace Fibo.Actors.Tests.Support;

/// <summary>An embedded Kafka (librdkafka mock cluster) with one fresh topic per test bed.</summary>
public sealed class KafkaTestBed : IDisposable
{
    public EmbeddedKafka Kafka { get; } = EmbeddedKafka.Start(brokers: 3);
    public string Topic { get; } = "candles-" + Guid.NewGuid().ToString("N")[..8];
    public int Partitions { get; }

    public KafkaTestBed(int partitions = 4)
    {
        Partitions = partitions;
        Kafka.CreateTopic(Topic, partitions);
    }

    public string Bootstrap => Kafka.BootstrapServers;

    public CandleKafkaProducer Producer() => new(Bootstrap, Topic);

    public KafkaConsumerSettings ConsumerSettings(string groupId, Func<KafkaConsumerSettings, KafkaConsumerSettings>? adjust = null)
    {
        var s = new KafkaConsumerSettings
        {
            BootstrapServers = Bootstrap,
            GroupId = groupId,
            Topics = [Topic],
            // Short session: the mock cluster delays a rejoin by (session timeout - 1 s) when the group is not empty.
            SessionTimeoutMs = 2_000,
            CommitInterval = TimeSpan.FromMilliseconds(100),
            RevokeDrainTimeout = TimeSpan.FromSeconds(2),
        };
        return adjust is null ? s : adjust(s);
    }

    /// <summary>Candles of the given series, <paramref name="perSeries"/> each, interleaved as a live market would publish them.</summary>
    public static List<KeyedCandle> Market(IReadOnlyList<string> series, int perSeries, long start = 1_700_000_100_000 / 300_000 * 300_000)
    {
        var keys = series.Select(SeriesKey.Parse).ToList();
        var list = new List<KeyedCandle>();
        for (var i = 0; i < perSeries; i++)
            foreach (var key in keys)
            {
                var t = start + i * key.Timeframe.Milliseconds;
                var price = 0.05 + 0.0001 * i;
                list.Add(new KeyedCandle(key, new Candle(t, price, price * 1.01, price * 0.99, price * 1.002, 10 + i, t + key.Timeframe.Milliseconds - 1)));
            }
        return list;
    }

    public async Task ProduceAsync(IEnumerable<KeyedCandle> candles)
    {
        using var producer = Producer();
        var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();
        foreach (var c in candles) producer.Produce(c.Series, c.Candle, r => { if (r.Error.IsError) errors.Enqueue(r.Error.Reason); });
        await Task.Run(() => Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(30))));
        Assert.Empty(errors);
    }

    public async Task ProduceRawAsync(string? key, byte[] value)
    {
        using var p = new ProducerBuilder<string?, byte[]>(new ProducerConfig { BootstrapServers = Bootstrap, Partitioner = Partitioner.Murmur2Random }).Build();
        await p.ProduceAsync(Topic, new Message<string?, byte[]> { Key = key, Value = value });
    }

    /// <summary>The group's committed offsets as the broker has them (a fresh client, not the consumer under test).</summary>
    public Dictionary<int, long> CommittedOffsets(string groupId)
    {
        using var c = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = Bootstrap, GroupId = groupId }).Build();
        var partitions = Enumerable.Range(0, Partitions).Select(p => new TopicPartition(Topic, p)).ToList();
        return c.Committed(partitions, TimeSpan.FromSeconds(10)).Where(o => o.Offset.Value >= 0)
            .ToDictionary(o => o.Partition.Value, o => o.Offset.Value);
    }

    /// <summary>The end offset of every partition.</summary>
    public Dictionary<int, long> HighWatermarks()
    {
        using var c = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = Bootstrap, GroupId = "watermarks" }).Build();
        return Enumerable.Range(0, Partitions).ToDictionary(p => p,
            p => c.QueryWatermarkOffsets(new TopicPartition(Topic, p), TimeSpan.FromSeconds(10)).High.Value);
    }

    public void Dispose() => Kafka.Dispose();
}
