namespace Fibo.Actors.Infrastructure.Binance.Rest;

/// <summary>
/// Binance's clock as seen from here: local UTC plus an offset measured against <c>GET /api/v3/time</c> (taken at the
/// midpoint of the round trip). Signed requests carry <see cref="NowMs"/> as <c>timestamp</c>, so a local clock that is
/// off by seconds does not get every order refused with -1021.
/// </summary>
public sealed class BinanceServerClock(TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private long _offsetMs;
    private long _syncedAtMs = long.MinValue;

    /// <summary>How long a measured offset is trusted before the next signed request measures again.</summary>
    public TimeSpan ResyncAfter { get; init; } = TimeSpan.FromMinutes(30);

    public long OffsetMs => Interlocked.Read(ref _offsetMs);

    public long LocalNowMs => _time.GetUtcNow().ToUnixTimeMilliseconds();

    public long NowMs => LocalNowMs + OffsetMs;

    public bool NeedsSync => LocalNowMs - Interlocked.Read(ref _syncedAtMs) > (long)ResyncAfter.TotalMilliseconds
                             || Interlocked.Read(ref _syncedAtMs) == long.MinValue;

    /// <summary>Records one measurement: the server said <paramref name="serverTimeMs"/> between our send and receive.</summary>
    public void Update(long serverTimeMs, long sentAtLocalMs, long receivedAtLocalMs)
    {
        long midpoint = sentAtLocalMs + (receivedAtLocalMs - sentAtLocalMs) / 2;
        Interlocked.Exchange(ref _offsetMs, serverTimeMs - midpoint);
        Interlocked.Exchange(ref _syncedAtMs, receivedAtLocalMs);
    }

    /// <summary>Forget the measurement so the next signed request measures again (after a -1021).</summary>
    public void Invalidate() => Interlocked.Exchange(ref _syncedAtMs, long.MinValue);
}
