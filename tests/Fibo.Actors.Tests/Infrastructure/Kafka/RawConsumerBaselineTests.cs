using Fibo.Actors.Infrastructure.Kafka;
using Fibo.Actors.Tests.Support;

namespace Fibo.Actors.Tests.Infrastructure.Kafka;

public sealed class RawConsumerBaselineTests : IDisposable
{
    private readonly KafkaTestBed _bed = new(partitions: 3);

    [Fact]
    public async Task Reads_every_record_of_every_partition_once()
    {
        var market = KafkaTestBed.Market(["ETH_BTC-5m", "LTC_BTC-5m", "XRP_ETH-1m", "ETH_BTC-1m"], perSeries: 100);
        await _bed.ProduceAsync(market);
        var expectedBytes = market.Sum(c => CandleKafkaCodec.EncodeKey(c.Series).Length + CandleKafkaCodec.EncodeValue(c.Candle).Length);

        var result = await RawConsumerBaseline.RunAsync(_bed.Bootstrap, _bed.Topic, TimeSpan.FromSeconds(30));

        Assert.Equal(market.Count, result.Messages);
        Assert.Equal(expectedBytes, result.Bytes);
        Assert.True(result.MessagesPerSecond > 0);
    }

    [Fact]
    public async Task Unknown_topic_is_an_error_naming_it()
    {
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => RawConsumerBaseline.RunAsync(_bed.Bootstrap, "no.such.topic"));
        Assert.Contains("no.such.topic", e.Message);
    }

    public void Dispose() => _bed.Dispose();
}
