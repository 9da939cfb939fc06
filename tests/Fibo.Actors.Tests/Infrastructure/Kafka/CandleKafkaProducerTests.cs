using System.Text;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using Confluent.Kafka;
using Fibo.Actors.Infrastructure.Kafka;
using Fibo.Actors.Tests.Support;

namespace Fibo.Actors.Tests.Infrastructure.Kafka;

public sealed class CandleKafkaProducerTests : IDisposable
{
    private readonly KafkaTestBed _bed = new(partitions: 6);
    private readonly ActorSystem _system = ActorSystem.Create("producer-tests", "akka.loglevel = WARNING");

    [Fact]
    public async Task Sink_publishes_candles_keyed_by_series_in_order_within_one_partition()
    {
        var candles = KafkaTestBed.Market(["ETH_BTC-5m", "LTC_BTC-5m", "XRP_ETH-1m", "ETH_BTC-1m"], perSeries: 50);
        using var producer = _bed.Producer();
        await Source.From(candles).RunWith(CandleKafkaSink.Create(producer, parallelism: 64), _system.Materializer());

        var records = ReadAll(candles.Count);
        Assert.Equal(candles.Count, records.Count);
        foreach (var group in records.GroupBy(r => r.Message.Key))
        {
            Assert.Single(group.Select(r => r.Partition.Value).Distinct());   // one series, one partition
            var times = group.OrderBy(r => r.Offset.Value).Select(r => CandleKafkaCodec.Decode(r.Message.Key, r.Message.Value, long.MaxValue / 2).Candle.OpenTime).ToList();
            var expected = candles.Where(c => c.Series.ToString() == group.Key).Select(c => c.Candle.OpenTime).ToList();
            Assert.Equal(expected, times);                                      // in publish order
        }
        var first = records.First(r => r.Message.Key == "ETH_BTC-5m");
        Assert.StartsWith("{\"openTime\":", Encoding.UTF8.GetString(first.Message.Value));
    }

    [Fact]
    public async Task Plain_api_reports_the_delivery()
    {
        using var producer = _bed.Producer();
        var c = KafkaTestBed.Market(["ETH_BTC-5m"], 1)[0];
        var result = await producer.ProduceAsync(c.Series, c.Candle);
        Assert.Equal(PersistenceStatus.Persisted, result.Status);
        Assert.Equal("ETH_BTC-5m", result.Message.Key);
        Assert.Equal(0, result.Offset.Value);
    }

    private List<ConsumeResult<string, byte[]>> ReadAll(int expected)
    {
        using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = _bed.Bootstrap, GroupId = "reader-" + Guid.NewGuid(), AutoOffsetReset = AutoOffsetReset.Earliest, EnableAutoCommit = false,
        }).Build();
        consumer.Assign(Enumerable.Range(0, _bed.Partitions).Select(p => new TopicPartitionOffset(_bed.Topic, p, Offset.Beginning)));
        var list = new List<ConsumeResult<string, byte[]>>();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (list.Count < expected && DateTime.UtcNow < deadline)
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { } r) list.Add(r);
        return list;
    }

    public void Dispose()
    {
        _system.Terminate().Wait(TimeSpan.FromSeconds(10));
        _bed.Dispose();
    }
}
