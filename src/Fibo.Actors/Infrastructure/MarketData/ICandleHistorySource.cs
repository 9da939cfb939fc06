using Fibo.Messages.MarketData;
using Fibo.Messages.Primitives;

namespace Fibo.Actors.Infrastructure.MarketData;

/// <summary>
/// Where a series entity fetches candles it missed when the candle store does not have them either (a gap in the feed):
/// e.g. Binance's REST klines. Register one in DI to enable it; without one, gaps are filled from the store only.
/// </summary>
public interface ICandleHistorySource
{
    /// <summary>A short name for logs and the candle's stored <c>source</c> label, e.g. "binance-rest".</summary>
    string Name { get; }

    /// <summary>
    /// Closed candles of <paramref name="series"/> with <paramref name="fromOpenTime"/> ≤ open time ≤
    /// <paramref name="toOpenTime"/>, ascending (an empty list when the source has none).
    /// </summary>
    Task<IReadOnlyList<Candle>> FetchAsync(SeriesKey series, long fromOpenTime, long toOpenTime, CancellationToken ct = default);
}
