namespace Fibo.Actors.Infrastructure.Binance.Streams;

/// <summary>
/// Reconnect delays: exponential from <c>min</c> to <c>max</c> (the seed: 1 s doubling to 30 s), each drawn uniformly
/// from [d/2, d] ("equal jitter") so many clients cut off together do not come back together. Reset after a connection
/// that worked.
/// </summary>
public sealed class ReconnectBackoff(TimeSpan min, TimeSpan max, Random? random = null)
{
    private readonly Random _random = random ?? Random.Shared;
    private int _failures;

    public int ConsecutiveFailures => _failures;

    public TimeSpan Next()
    {
        double ceiling = Math.Min(max.TotalMilliseconds, min.TotalMilliseconds * Math.Pow(2, Math.Min(_failures, 30)));
        _failures++;
        double half = ceiling / 2;
        return TimeSpan.FromMilliseconds(half + _random.NextDouble() * half);
    }

    public void Reset() => _failures = 0;
}
