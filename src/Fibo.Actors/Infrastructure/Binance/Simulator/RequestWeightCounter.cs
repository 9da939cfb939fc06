namespace Fibo.Actors.Infrastructure.Binance.Simulator;

/// <summary>The exchange side of request weight: a count per calendar window; over the limit means 429.</summary>
internal sealed class RequestWeightCounter(int limit, TimeSpan window)
{
    private readonly object _lock = new();
    private readonly long _windowMs = Math.Max(1, (long)window.TotalMilliseconds);
    private long _windowStart = long.MinValue;
    private int _used;

    public int Limit => limit;

    /// <summary>Adds the request's weight; returns the window's total and whether it is over the limit (then the request is refused).</summary>
    public (int Used, bool Over, TimeSpan UntilNextWindow) Consume(int weight, long nowMs)
    {
        lock (_lock)
        {
            long start = nowMs - (((nowMs % _windowMs) + _windowMs) % _windowMs);
            if (start != _windowStart) { _windowStart = start; _used = 0; }
            _used += weight;
            return (_used, _used > limit, TimeSpan.FromMilliseconds(start + _windowMs - nowMs));
        }
    }

    public int Peek(long nowMs)
    {
        lock (_lock)
        {
            long start = nowMs - (((nowMs % _windowMs) + _windowMs) % _windowMs);
            return start == _windowStart ? _used : 0;
        }
    }
}
