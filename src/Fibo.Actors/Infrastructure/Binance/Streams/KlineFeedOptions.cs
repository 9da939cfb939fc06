namespace Fibo.Actors.Infrastructure.Binance.Streams;

/// <summary>How the kline feed keeps its WebSocket alive and comes back after losing it.</summary>
public sealed class KlineFeedOptions
{
    /// <summary>First reconnect delay after a failure; doubles (with jitter) up to <see cref="MaxReconnectDelay"/>.</summary>
    public TimeSpan MinReconnectDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The seed capped its backoff at 30 s.</summary>
    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Binance cuts every connection at 24 hours; we reconnect on our own a little earlier, at a moment we choose, and
    /// the gap check backfills whatever closed in between.
    /// </summary>
    public TimeSpan MaxConnectionAge { get; set; } = TimeSpan.FromHours(23.5);

    /// <summary>We PING this often (Binance pings every 20 s and expects our PONG within a minute; .NET answers those itself).</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>No PONG for our PING within this time: the connection is dead (half-open), abort and reconnect.</summary>
    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Closed candles fetched from REST and delivered first for a series the feed has no resume point for (a fresh candle
    /// store), so a node's features are warm at the first live candle; 0 starts with the first live candle.
    /// </summary>
    public int WarmupCandles { get; set; }

    /// <summary>Pushes waiting between the socket reader and the sink; the reader keeps reading (and answering pings) meanwhile.</summary>
    public int BufferCapacity { get; set; } = 100_000;
}
