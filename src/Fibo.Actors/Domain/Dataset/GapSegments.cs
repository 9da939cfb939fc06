namespace Fibo.Actors.Domain.Dataset;

/// <summary>A run of rows [Start, End) with no gap inside.</summary>
public readonly record struct RowSegment(int Start, int End)
{
    public int Length => End - Start;
}

/// <summary>
/// The seed's gap rule: with Δ the time step between consecutive rows, a step Δ &gt; multiplier × median(Δ) is a
/// gap (multiplier 2.0). Note that one missing candle gives Δ = 2 × median, which is not a gap under this rule.
/// </summary>
public sealed record GapReport(double MedianDeltaMs, double Multiplier, int GapCount, IReadOnlyList<RowSegment> Segments)
{
    public static GapReport Find(ReadOnlySpan<long> timestamps, double multiplier = 2.0)
    {
        if (multiplier <= 0) throw new ArgumentOutOfRangeException(nameof(multiplier), multiplier, "the gap multiplier must be positive");
        if (timestamps.Length < 2) return new GapReport(0, multiplier, 0, timestamps.Length == 0 ? [] : [new RowSegment(0, timestamps.Length)]);
        var deltas = new long[timestamps.Length - 1];
        for (int i = 1; i < timestamps.Length; i++) deltas[i - 1] = timestamps[i] - timestamps[i - 1];
        double median = Median(deltas);
        double limit = multiplier * median;
        var segments = new List<RowSegment>();
        int start = 0;
        for (int i = 1; i < timestamps.Length; i++)
        {
            if (deltas[i - 1] > limit)
            {
                segments.Add(new RowSegment(start, i));
                start = i;
            }
        }
        segments.Add(new RowSegment(start, timestamps.Length));
        return new GapReport(median, multiplier, segments.Count - 1, segments);
    }

    // numpy's median: the middle value, or the mean of the two middle values for an even count.
    private static double Median(long[] values)
    {
        var sorted = (long[])values.Clone();
        Array.Sort(sorted);
        int n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + (double)sorted[n / 2]) / 2.0;
    }
}
