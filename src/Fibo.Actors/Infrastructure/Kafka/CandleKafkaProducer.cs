using Confluent.Kafka;
using Fibo.Messages.MarketData;
using Fibo.Messages.Primitives;

namespace Fibo.Actors.Infrastructure.Kafka;

/// <summary>
/// Publishes candles to the candle topic, keyed by series so one series stays in one partition, in order. Idempotent
/// (<c>enable.idempotence</c>: acks=all, retries without duplicates or reordering). Keys are hashed with murmur2 like
/// the Java client, so any producer of the same key picks the same partition.
/// </summary>
public sealed class CandleKafkaProducer : IDisposable
{
    private readonly IProducer<string, byte[]> _producer;

    public CandleKafkaProducer(string bootstrapServers, string topic, Action<ProducerConfig>? configure = null)
    {
        Topic = topic;
        var config = new ProducerConfig
        {
            BootstrapServers = bootstrapServers,
            EnableIdempotence = true,
            Acks = Acks.All,
            LingerMs = 5,
            CompressionType = CompressionType.Lz4,
            Partitioner = Partitioner.Murmur2Random,
        };
        configure?.Invoke(config);
        _producer = new ProducerBuilder<string, byte[]>(config).Build();
    }

    public string Topic { get; }

    /// <summary>Sends one candle and waits for the broker's acknowledgement.</summary>
    public Task<DeliveryResult<string, byte[]>> ProduceAsync(SeriesKey series, Candle candle, CancellationToken ct = default) =>
        _producer.ProduceAsync(Topic, ToMessage(series, candle), ct);

    /// <summary>Queues one candle without waiting (fastest for bulk replay); failures arrive in <paramref name="onDelivery"/>.</summary>
    public void Produce(SeriesKey series, Candle candle, Action<DeliveryReport<string, byte[]>>? onDelivery = null) =>
        _producer.Produce(Topic, ToMessage(series, candle), onDelivery);

    /// <summary>Waits until every queued candle is acknowledged; returns how many are still queued (0 = all sent).</summary>
    public int Flush(TimeSpan timeout) => _producer.Flush(timeout);

    private static Message<string, byte[]> ToMessage(SeriesKey series, in Candle candle) =>
        new() { Key = CandleKafkaCodec.EncodeKey(series), Value = CandleKafkaCodec.EncodeValue(candle) };

    public void Dispose()
    {
        _producer.Flush(TimeSpan.FromSeconds(10));
        _producer.Dispose();
    }
}
