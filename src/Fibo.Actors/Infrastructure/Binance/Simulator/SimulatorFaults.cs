namespace Fibo.Actors.Infrastructure.Binance.Simulator;

/// <summary>What goes wrong with the next order submits (<c>POST /api/v3/order</c>).</summary>
public enum OrderFault
{
    /// <summary>HTTP 500 before the engine sees the order: nothing was placed.</summary>
    ErrorBeforeAccept,
    /// <summary>The order is placed, then the client gets HTTP 503 instead of the answer (Binance's "status UNKNOWN").</summary>
    ErrorAfterAccept,
    /// <summary>The order is placed, then the connection is cut without any answer.</summary>
    AbortAfterAccept,
    /// <summary>The order is placed and the answer held back for <see cref="SimulatorFaults.OrderDelay"/> (the client times out).</summary>
    DelayAfterAccept,
}

/// <summary>
/// Faults the simulator injects, set in-process or over <c>POST /admin/faults</c>. Counters are consumed one request
/// at a time, so a test says "the next 2 submits lose their answer" and gets exactly that.
/// </summary>
public sealed class SimulatorFaults
{
    private readonly object _lock = new();
    private readonly Queue<OrderFault> _orderFaults = new();
    private int _rateLimited;
    private int _serverErrors;
    private string? _serverErrorPath;

    /// <summary>Extra latency added to every REST answer.</summary>
    public TimeSpan ResponseDelay { get; set; } = TimeSpan.Zero;

    /// <summary>How long <see cref="OrderFault.DelayAfterAccept"/> holds the answer.</summary>
    public TimeSpan OrderDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Seconds sent in <c>Retry-After</c> with injected 429s.</summary>
    public int RetryAfterSeconds { get; set; } = 1;

    /// <summary>Offset of the exchange's clock from the real one (tests the client's time sync).</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.Zero;

    /// <summary>Requests answered with an injected fault so far, by kind (for test assertions and /admin/state).</summary>
    public int InjectedRateLimits { get; private set; }
    public int InjectedServerErrors { get; private set; }
    public int InjectedOrderFaults { get; private set; }

    public void FailNextOrders(OrderFault fault, int count = 1)
    {
        lock (_lock) for (int i = 0; i < count; i++) _orderFaults.Enqueue(fault);
    }

    /// <summary>The next <paramref name="count"/> REST requests get 429 with <c>Retry-After</c>.</summary>
    public void RateLimitNext(int count, int retryAfterSeconds = 1)
    {
        lock (_lock)
        {
            _rateLimited += count;
            RetryAfterSeconds = retryAfterSeconds;
        }
    }

    /// <summary>The next <paramref name="count"/> REST requests (to <paramref name="path"/> only, when given) get HTTP 500 and do nothing.</summary>
    public void ServerErrorNext(int count, string? path = null)
    {
        lock (_lock)
        {
            _serverErrors += count;
            _serverErrorPath = path;
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _orderFaults.Clear();
            _rateLimited = 0;
            _serverErrors = 0;
            _serverErrorPath = null;
            ResponseDelay = TimeSpan.Zero;
            ClockSkew = TimeSpan.Zero;
        }
    }

    internal bool TakeRateLimit()
    {
        lock (_lock)
        {
            if (_rateLimited == 0) return false;
            _rateLimited--;
            InjectedRateLimits++;
            return true;
        }
    }

    internal bool TakeServerError(string path)
    {
        lock (_lock)
        {
            if (_serverErrors == 0 || (_serverErrorPath is not null && !string.Equals(_serverErrorPath, path, StringComparison.OrdinalIgnoreCase))) return false;
            _serverErrors--;
            InjectedServerErrors++;
            return true;
        }
    }

    internal OrderFault? TakeOrderFault()
    {
        lock (_lock)
        {
            if (_orderFaults.Count == 0) return null;
            InjectedOrderFaults++;
            return _orderFaults.Dequeue();
        }
    }
}
