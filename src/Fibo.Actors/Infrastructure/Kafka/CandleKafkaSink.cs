using Akka;
using Akka.Streams.Dsl;

namespace Fibo.Actors.Infrastructure.Kafka;

/// <summary>The producer as an Akka.Streams sink.</summary>
public static class CandleKafkaSink
{
    /// <summary>
    /// A sink that publishes each candle and completes when all are acknowledged by the broker (it fails on the first
    /// delivery error). <paramref name="parallelism"/> deliveries may be outstanding; librdkafka batches them and the
    /// idempotent producer keeps their order within a partition.
    /// </summary>
    public static Sink<KeyedCandle, Task<Done>> Create(CandleKafkaProducer producer, int parallelism = 1024) =>
        Flow.Create<KeyedCandle>()
            .SelectAsync(parallelism, c => producer.ProduceAsync(c.Series, c.Candle))
            .ToMaterialized(Sink.Ignore<Confluent.Kafka.DeliveryResult<string, byte[]>>(), Keep.Right);
}
