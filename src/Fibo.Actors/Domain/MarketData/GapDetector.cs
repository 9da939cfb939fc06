using System.Globalization;
using Fibo.Messages.Primitives;

namespace Fibo.Actors.Domain.MarketData;

/// <summary>A hole in a series: the candles after <see cref="AfterOpenTime"/> and before <see cref="NextOpenTime"/> are missing.</summary>
public sealed record CandleGap(long AfterOpenTime, long NextOpenTime, long MissingCandles, long FirstMissingOpenTime, long LastMissingOpenTime);

/// <summary>
/// Gaps of one series between its first and last candle, with the seed's gap rules measured alongside:
/// <list type="bullet">
/// <item><see cref="MaxGapRuleBreaks"/>: steps Δ &gt; 2 × median Δ (SEED-SPEC §5.1, where the seed only warned
/// that sequences may span discontinuities);</item>
/// <item><see cref="SeedGapCount"/>: steps Δ &gt; 1.5 × timeframe (<c>detect_gaps</c>, §2.7);</item>
/// <item><see cref="IsContinuous"/>: <c>validate_continuous_data</c>'s rule, gaps / rows ≤ 5 % (§2.7).</item>
/// </list>
/// </summary>
public sealed record GapReport(
    Timeframe Timeframe,
    long Rows,
    long? FirstOpenTime,
    long? LastOpenTime,
    long ExpectedRows,
    long MissingCandles,
    IReadOnlyList<CandleGap> Gaps,
    long MedianStepMs,
    int MaxGapRuleBreaks,
    int SeedGapCount,
    double GapFraction,
    bool IsContinuous)
{
    /// <summary>The seed's <c>validate_continuous_data</c> threshold: more gaps than this share of rows is not continuous.</summary>
    public const double MaxGapShare = 0.05;

    /// <summary>One line in the seed's wording, e.g. "Data has 3 gaps (0.05% of rows, within 5.0% threshold). Total missing duration: 900s".</summary>
    public string Summary
    {
        get
        {
            long missingSeconds = Gaps.Sum(g => (g.NextOpenTime - g.AfterOpenTime - Timeframe.ApproximateMilliseconds) / 1000);
            var pct = (GapFraction * 100).ToString("0.00", CultureInfo.InvariantCulture);
            return $"Data has {SeedGapCount} gaps ({pct}% of rows, {(IsContinuous ? "within" : "exceeds")} {MaxGapShare * 100:0.0}% threshold). " +
                   $"Total missing duration: {missingSeconds.ToString(CultureInfo.InvariantCulture)}s; {MissingCandles} candle(s) missing of {ExpectedRows} expected.";
        }
    }
}

/// <summary>Finds missing candles in an ascending series of open times.</summary>
public static class GapDetector
{
    /// <summary>The seed's max-gap multiplier (SEED-SPEC §5.1).</summary>
    public const double MaxGapMultiplier = 2.0;

    /// <summary>The seed's <c>detect_gaps</c> tolerance factor (SEED-SPEC §2.7).</summary>
    public const double SeedToleranceFactor = 1.5;

    public static GapReport Detect(Timeframe timeframe, IReadOnlyList<long> openTimes)
    {
        int n = openTimes.Count;
        if (n == 0) return new GapReport(timeframe, 0, null, null, 0, 0, [], 0, 0, 0, 0, true);

        var gaps = new List<CandleGap>();
        var steps = new long[Math.Max(0, n - 1)];
        long missing = 0;
        int seedGaps = 0;
        long tfMs = timeframe.ApproximateMilliseconds;
        for (int i = 1; i < n; i++)
        {
            long a = openTimes[i - 1], b = openTimes[i];
            if (b <= a) throw new ArgumentException($"open times must be strictly ascending (index {i}: {a} then {b})", nameof(openTimes));
            steps[i - 1] = b - a;
            long expectedNext = timeframe.Add(a);
            if (b > expectedNext)
            {
                long count = timeframe.CandlesBetween(a, b) - 1;
                if (count < 1) count = 1; // unaligned input: still a hole
                gaps.Add(new CandleGap(a, b, count, expectedNext, timeframe.Add(b, -1)));
                missing += count;
            }
            if (b - a > SeedToleranceFactor * tfMs) seedGaps++;
        }

        long median = 0;
        int breaks = 0;
        if (steps.Length > 0)
        {
            var sorted = (long[])steps.Clone();
            Array.Sort(sorted);
            // pandas' median: the mean of the two middle values for an even count.
            median = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
            foreach (var d in steps) if (d > MaxGapMultiplier * median) breaks++;
        }
        double share = (double)seedGaps / n;
        return new GapReport(timeframe, n, openTimes[0], openTimes[^1], n + missing, missing, gaps, median, breaks, seedGaps, share,
            share <= GapReport.MaxGapShare);
    }
}
