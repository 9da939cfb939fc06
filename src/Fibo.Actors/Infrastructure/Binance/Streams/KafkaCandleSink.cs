using Fibo.Actors.Infrastructure.Kafka;
using Fibo.Messages.MarketData;
using Fibo.Messages.Primitives;

namespace Fibo.Actors.Infrastructure.Binance.Streams;

/// <summary>
/// Publishes the feed's closed candles to <c>fibo.candles</c> keyed by series, and returns only when the broker has
/// acknowledged (idempotent producer, acks=all): the feed counts a candle as delivered only then, so a broker outage
/// stalls the feed (it reconnects and backfills afterwards) instead of dropping candles.
/// </summary>
public sealed class KafkaCandleSink(CandleKafkaProducer producer) : ICandleSink
{
    public async Task PublishAsync(SeriesKey series, Candle candle, string source, CancellationToken ct)
    {
        var result = await producer.ProduceAsync(series, candle, ct);
        if (result.Status != Confluent.Kafka.PersistenceStatus.Persisted)
            throw new InvalidOperationException($"Kafka did not persist {series}@{candle.OpenTime} (status {result.Status})");
    }
}
