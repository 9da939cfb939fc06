using Fibo.Actors.Domain.MarketData;
using Fibo.Messages.Primitives;

namespace Fibo.Actors.Tests.Domain.MarketData;

public class GapDetectorTests
{
    private const long T0 = 1515560100000;
    private const long M5 = 300_000;

    [Fact]
    public void A_continuous_series_has_no_gaps()
    {
        var r = GapDetector.Detect(Timeframe.M5, Enumerable.Range(0, 100).Select(i => T0 + i * M5).ToList());
        Assert.Empty(r.Gaps);
        Assert.Equal((100L, 100L, 0L, M5, 0, 0, true), (r.Rows, r.ExpectedRows, r.MissingCandles, r.MedianStepMs, r.MaxGapRuleBreaks, r.SeedGapCount, r.IsContinuous));
        Assert.Equal((T0, T0 + 99 * M5), (r.FirstOpenTime!.Value, r.LastOpenTime!.Value));
    }

    [Fact]
    public void Missing_candles_are_counted_and_located()
    {
        // 0..9, then 13..19 (10, 11, 12 missing), then 21 (20 missing).
        var times = Enumerable.Range(0, 10).Concat(Enumerable.Range(13, 7)).Append(21).Select(i => T0 + i * M5).ToList();
        var r = GapDetector.Detect(Timeframe.M5, times);
        Assert.Equal(2, r.Gaps.Count);
        Assert.Equal(new CandleGap(T0 + 9 * M5, T0 + 13 * M5, 3, T0 + 10 * M5, T0 + 12 * M5), r.Gaps[0]);
        Assert.Equal(new CandleGap(T0 + 19 * M5, T0 + 21 * M5, 1, T0 + 20 * M5, T0 + 20 * M5), r.Gaps[1]);
        Assert.Equal(4, r.MissingCandles);
        Assert.Equal(22, r.ExpectedRows);
        Assert.Equal(2, r.SeedGapCount);     // Δ > 1.5 × 5m
        Assert.Equal(1, r.MaxGapRuleBreaks); // Δ > 2 × median (5m): one missing candle is Δ = exactly 2 × median, not a break
        Assert.False(r.IsContinuous);        // 2 gaps / 18 rows > 5 %
        Assert.StartsWith("Data has 2 gaps (11.11% of rows, exceeds 5.0% threshold). Total missing duration: 1200s", r.Summary);
    }

    [Fact]
    public void The_max_gap_rule_is_relative_to_the_median_step()
    {
        // A series sampled every other candle: every step is 2 × 5m, so the seed's median rule sees no break,
        // while the timeframe rule sees a missing candle in every step.
        var r = GapDetector.Detect(Timeframe.M5, Enumerable.Range(0, 50).Select(i => T0 + 2 * i * M5).ToList());
        Assert.Equal(2 * M5, r.MedianStepMs);
        Assert.Equal(0, r.MaxGapRuleBreaks);
        Assert.Equal(49, r.Gaps.Count);
        Assert.Equal(49, r.SeedGapCount);
    }

    [Fact]
    public void Few_gaps_in_a_long_series_are_within_the_seeds_threshold()
    {
        var times = Enumerable.Range(0, 1000).Where(i => i % 100 != 50).Select(i => T0 + i * M5).ToList();
        var r = GapDetector.Detect(Timeframe.M5, times);
        Assert.Equal(10, r.MissingCandles);
        Assert.True(r.IsContinuous);
        Assert.Contains("within 5.0% threshold", r.Summary);
    }

    [Fact]
    public void Calendar_months_count_whole_months()
    {
        long Jan = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        long May = new DateTimeOffset(2024, 5, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        var r = GapDetector.Detect(Timeframe.Parse("1M"), [Jan, May]);
        Assert.Equal(3, Assert.Single(r.Gaps).MissingCandles);
    }

    [Fact]
    public void An_empty_series_has_an_empty_report()
    {
        var r = GapDetector.Detect(Timeframe.M5, []);
        Assert.Equal(0, r.Rows);
        Assert.Null(r.FirstOpenTime);
        Assert.True(r.IsContinuous);
    }
}
