namespace Fibo.Actors.Actors.Common;

/// <summary>
/// A lock-free latency histogram in microseconds with log-spaced buckets (8 per power of two: about 9 % resolution),
/// so recording costs one increment and percentiles stay honest under millions of samples.
/// </summary>
public sealed class LatencyHistogram
{
    private const int SubBuckets = 8;
    private readonly long[] _counts = new long[64 * SubBuckets];
    private long _total, _sumMicros, _maxMicros;

    public void Record(double micros)
    {
        var v = Math.Max(1.0, micros);
        var index = Math.Min(_counts.Length - 1, (int)(Math.Log2(v) * SubBuckets));
        Interlocked.Increment(ref _counts[index]);
        Interlocked.Increment(ref _total);
        Interlocked.Add(ref _sumMicros, (long)v);
        long seen;
        while ((long)v > (seen = Interlocked.Read(ref _maxMicros)) && Interlocked.CompareExchange(ref _maxMicros, (long)v, seen) != seen) { }
    }

    public long Count => Interlocked.Read(ref _total);

    public double MeanMicros => Count == 0 ? 0 : (double)Interlocked.Read(ref _sumMicros) / Count;

    public double MaxMicros => Interlocked.Read(ref _maxMicros);

    /// <summary>The upper bound of the bucket holding the <paramref name="q"/> quantile (0 &lt; q ≤ 1), in µs; 0 when empty.</summary>
    public double Percentile(double q)
    {
        var total = Count;
        if (total == 0) return 0;
        var rank = (long)Math.Ceiling(q * total);
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += Interlocked.Read(ref _counts[i]);
            if (seen >= rank) return Math.Min(Math.Pow(2, (i + 1.0) / SubBuckets), Math.Max(1, MaxMicros));
        }
        return MaxMicros;
    }
}
