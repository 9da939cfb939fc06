using Fibo.Actors.Infrastructure.MarketData;
using Fibo.Messages.MarketData;
using Fibo.Messages.Primitives;

namespace Fibo.Actors.Infrastructure.Binance.MarketData;

/// <summary>
/// Binance's REST klines as the series entities' history source: a gap the candle store cannot fill (a feed outage longer
/// than its own backfill, a node that was down) is fetched page by page, weight-limited like every REST call.
/// </summary>
public sealed class BinanceCandleHistorySource(BinanceMarketData market) : ICandleHistorySource
{
    public string Name => BinanceHistoryDownloader.Source;

    public async Task<IReadOnlyList<Candle>> FetchAsync(SeriesKey series, long fromOpenTime, long toOpenTime, CancellationToken ct = default)
    {
        var candles = new List<Candle>();
        if (toOpenTime < fromOpenTime || !series.Timeframe.IsBinanceInterval) return candles;
        // An entity asks only for the holes before a candle it received, so every candle asked for has closed (judging
        // that by the exchange's clock would fail against a simulator replaying old data).
        await foreach (var page in market.GetKlineRangeAsync(series, fromOpenTime, toOpenTime, closedOnly: false, ct))
            candles.AddRange(page.Where(c => c.OpenTime >= fromOpenTime && c.OpenTime <= toOpenTime));
        return candles;
    }
}
