using Fibo.Messages.Primitives;

namespace Fibo.Actors.Hosting.Options;

/// <summary>Where a node's live candles come from.</summary>
public enum FeedSource
{
    /// <summary>No exchange feed: candles reach Kafka from elsewhere (<c>fibo replay</c>, <c>fibo run --replay</c>, another node).</summary>
    None,
    /// <summary>Binance's kline WebSocket (at <c>Fibo:Binance:StreamBaseUrl</c>) into Kafka, with REST klines for warm-up and gaps.</summary>
    Binance,
}

/// <summary>
/// Section <c>Fibo:Feed</c>: the live market feed. With <see cref="FeedSource.Binance"/> an ingest node runs the kline
/// WebSocket of <see cref="Series"/> into the Kafka candle topic, and series entities fill gaps from Binance's REST klines.
/// </summary>
public sealed class FeedOptions
{
    public FeedSource Source { get; set; } = FeedSource.None;

    /// <summary>Series to subscribe (<c>ETH_BTC-5m</c>, Binance intervals only); empty means every series named in <c>Fibo:Trading:Accounts</c>.</summary>
    public string[] Series { get; set; } = [];

    /// <summary>
    /// Closed candles of each series fetched from REST and published before the stream starts, when the candle store has
    /// none of that series yet, so features and the model's window are warm at the first live candle (0 = none). A series
    /// the store already holds resumes after its newest stored candle instead.
    /// </summary>
    public int WarmupCandles { get; set; } = 500;

    /// <summary>Register Binance's REST klines as the series entities' history source for gaps the store cannot fill.</summary>
    public bool HistoryBackfill { get; set; } = true;

    /// <summary>The series the feed subscribes: <see cref="Series"/>, or those of the trading accounts.</summary>
    public IReadOnlyList<SeriesKey> EffectiveSeries(TradingOptions trading)
    {
        var names = Series.Length > 0 ? Series : trading.Accounts.SelectMany(a => a.Series).ToArray();
        var keys = new List<SeriesKey>();
        foreach (var name in names)
            if (SeriesKey.TryParse(name, out var key, out _) && !keys.Contains(key)) keys.Add(key);
        return keys;
    }
}
