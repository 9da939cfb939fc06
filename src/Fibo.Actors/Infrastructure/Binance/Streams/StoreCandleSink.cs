using Fibo.Actors.Infrastructure.MarketData;
using Fibo.Messages.MarketData;
using Fibo.Messages.Primitives;

namespace Fibo.Actors.Infrastructure.Binance.Streams;

/// <summary>Writes each closed candle straight into a candle store in stream mode (insert-or-ignore: a stored candle never changes).</summary>
public sealed class StoreCandleSink(ICandleStore store) : ICandleSink
{
    public Task PublishAsync(SeriesKey series, Candle candle, string source, CancellationToken ct) =>
        store.WriteAsync(series, [candle], CandleWriteMode.Stream, source, ct);
}
