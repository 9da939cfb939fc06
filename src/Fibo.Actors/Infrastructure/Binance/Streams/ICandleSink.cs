using Fibo.Messages.MarketData;
using Fibo.Messages.Primitives;

namespace Fibo.Actors.Infrastructure.Binance.Streams;

/// <summary>
/// Where closed candles from an exchange feed go: the Kafka producer (topic <c>fibo.candles</c>, keyed by series) in a
/// node, a candle store in tools and tests. Called in open-time order per series, at least once per candle (a
/// redelivery after a crash is absorbed downstream by the store's unique key). <paramref name="source"/> says how the
/// candle arrived: <c>binance_ws</c> (live) or <c>binance_rest</c> (gap backfill).
/// </summary>
public interface ICandleSink
{
    Task PublishAsync(SeriesKey series, Candle candle, string source, CancellationToken ct);
}
