namespace Fibo.Actors.Infrastructure.Binance.Streams;

/// <summary>Counters of a running kline feed (thread-safe reads), for logs, the inspection API and tests.</summary>
public sealed class KlineFeedStats
{
    private long _connections, _disconnects, _scheduledReconnects, _liveCandles, _backfilledCandles, _duplicates, _updates;
    private int _connected;

    public bool IsConnected => Volatile.Read(ref _connected) == 1;

    /// <summary>Successful connections so far (1 + reconnects).</summary>
    public long Connections => Interlocked.Read(ref _connections);

    /// <summary>Connections lost or refused (errors, server closes, dead keep-alive).</summary>
    public long Disconnects => Interlocked.Read(ref _disconnects);

    /// <summary>Reconnects we made on purpose before Binance's 24-hour cut.</summary>
    public long ScheduledReconnects => Interlocked.Read(ref _scheduledReconnects);

    /// <summary>Closed candles published from the stream (<c>k.x = true</c>).</summary>
    public long LiveCandles => Interlocked.Read(ref _liveCandles);

    /// <summary>Closed candles published from REST to fill a gap after a reconnect.</summary>
    public long BackfilledCandles => Interlocked.Read(ref _backfilledCandles);

    /// <summary>Closed candles received again (already published) and skipped.</summary>
    public long DuplicatesSkipped => Interlocked.Read(ref _duplicates);

    /// <summary>Every kline push received, closed or not.</summary>
    public long Updates => Interlocked.Read(ref _updates);

    internal void Connected() { Interlocked.Increment(ref _connections); Volatile.Write(ref _connected, 1); }
    internal void Disconnected(bool scheduled)
    {
        Volatile.Write(ref _connected, 0);
        if (scheduled) Interlocked.Increment(ref _scheduledReconnects);
        else Interlocked.Increment(ref _disconnects);
    }
    internal void ConnectFailed() => Interlocked.Increment(ref _disconnects);
    internal void Live() => Interlocked.Increment(ref _liveCandles);
    internal void Backfilled() => Interlocked.Increment(ref _backfilledCandles);
    internal void Duplicate() => Interlocked.Increment(ref _duplicates);
    internal void Update() => Interlocked.Increment(ref _updates);
}
