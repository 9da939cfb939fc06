using Serilog;

namespace Fibo.Actors.Infrastructure.Binance.Rest;

/// <summary>
/// Keeps us under Binance's request-weight limit. Binance counts the IP's weight per calendar window (one minute) and
/// reports the running total in <c>X-MBX-USED-WEIGHT-1M</c>; going over gives 429, ignoring 429s gives a 418 ban. Before
/// each request we reserve its weight; when the window's total would pass the headroom (90 % of the limit) we wait for
/// the next window. A 429/418 with <c>Retry-After</c> closes the gate for that long for every caller.
/// </summary>
public sealed class RequestWeightGate
{
    private readonly object _lock = new();
    private readonly TimeProvider _time;
    private readonly Func<long> _serverNowMs;
    private readonly ILogger _log;
    private readonly long _windowMs;
    private long _windowStart = long.MinValue;
    private int _used;
    private long _closedUntilMs = long.MinValue;

    public RequestWeightGate(int limit, TimeSpan window, double headroom, Func<long> serverNowMs, TimeProvider? time = null, ILogger? log = null)
    {
        Limit = limit;
        Budget = Math.Max(1, (int)Math.Floor(limit * headroom));
        _windowMs = Math.Max(1, (long)window.TotalMilliseconds);
        _serverNowMs = serverNowMs;
        _time = time ?? TimeProvider.System;
        _log = log ?? Log.ForContext<RequestWeightGate>();
    }

    public int Limit { get; private set; }

    /// <summary>The weight we allow ourselves per window (limit × headroom).</summary>
    public int Budget { get; private set; }

    /// <summary>Weight used in the current window as far as we know (our reservations or Binance's header, whichever is higher).</summary>
    public int Used
    {
        get { lock (_lock) return _windowStart == WindowOf(_serverNowMs()) ? _used : 0; }
    }

    /// <summary>How often we waited for a new window, and how often for a Retry-After.</summary>
    public int WindowWaits { get; private set; }

    public int RetryAfterWaits { get; private set; }

    /// <summary>Adopts the limit Binance announces in <c>exchangeInfo.rateLimits</c> (REQUEST_WEIGHT).</summary>
    public void SetLimit(int limit, double headroom)
    {
        lock (_lock)
        {
            Limit = limit;
            Budget = Math.Max(1, (int)Math.Floor(limit * headroom));
        }
    }

    /// <summary>Waits until <paramref name="weight"/> fits in the budget, then reserves it.</summary>
    public async Task AcquireAsync(int weight, CancellationToken ct)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_lock)
            {
                long now = _serverNowMs();
                if (_closedUntilMs > now)
                {
                    wait = TimeSpan.FromMilliseconds(_closedUntilMs - now);
                }
                else
                {
                    long window = WindowOf(now);
                    if (window != _windowStart) { _windowStart = window; _used = 0; }
                    if (_used + weight <= Budget || _used == 0)
                    {
                        _used += weight;
                        return;
                    }
                    // A little past the boundary: our clock and Binance's agree only to the measured offset.
                    wait = TimeSpan.FromMilliseconds(window + _windowMs - now + Math.Max(5, _windowMs / 50));
                    WindowWaits++;
                    _log.Information("Binance request weight {Used}/{Limit} in this window: waiting {WaitMs} ms for the next one", _used, Limit, (long)wait.TotalMilliseconds);
                }
            }
            await Task.Delay(wait, _time, ct);
        }
    }

    /// <summary>Reads Binance's count of the window's used weight from a response.</summary>
    public void Observe(HttpResponseMessage response)
    {
        int? reported = null;
        foreach (var (name, values) in response.Headers)
        {
            if (!name.StartsWith("X-MBX-USED-WEIGHT-", StringComparison.OrdinalIgnoreCase)) continue;
            if (int.TryParse(values.FirstOrDefault(), out var v)) reported = Math.Max(reported ?? 0, v);
        }
        if (reported is not { } used) return;
        lock (_lock)
        {
            long window = WindowOf(_serverNowMs());
            if (window != _windowStart) { _windowStart = window; _used = 0; }
            _used = Math.Max(_used, used);
        }
    }

    /// <summary>Closes the gate for everyone until <paramref name="retryAfter"/> has passed (429/418).</summary>
    public void CloseFor(TimeSpan retryAfter)
    {
        lock (_lock)
        {
            RetryAfterWaits++;
            _closedUntilMs = Math.Max(_closedUntilMs, _serverNowMs() + (long)retryAfter.TotalMilliseconds);
        }
    }

    private long WindowOf(long nowMs) => nowMs - (((nowMs % _windowMs) + _windowMs) % _windowMs);
}
