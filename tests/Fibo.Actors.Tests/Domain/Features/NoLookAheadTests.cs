using Fibo.Actors.Domain.Features;
using Fibo.Actors.Tests.Support;
using Fibo.Messages.MarketData;

namespace Fibo.Actors.Tests.Domain.Features;

/// <summary>A feature at candle t uses candles ≤ t only (DESIGN rule 2; freqtrade's Fibonacci look-ahead avoided).</summary>
public class NoLookAheadTests
{
    [Theory]
    [InlineData("v1")]
    [InlineData("v2")]
    public void Appending_future_candles_never_changes_earlier_rows(string name)
    {
        var set = FeatureRegistry.Get(name);
        var all = SeedSeries.RandomWalk(400, seed: 11, vol: 0.02);
        var full = set.CreateBatch().Compute(all);
        foreach (int cut in new[] { 1, 2, 10, 49, 50, 51, 120, 399 })
        {
            var prefix = set.CreateBatch().Compute(all.AsSpan(0, cut));
            for (int t = 0; t < cut; t++)
                for (int j = 0; j < set.Columns.Count; j++)
                    Assert.True(prefix[t, j].Equals(full[t, j]), $"{name} {set.Columns[j]}[{t}] with {cut} candles {prefix[t, j]:R}, with 400 {full[t, j]:R}");
        }
    }

    [Theory]
    [InlineData("v1")]
    [InlineData("v2")]
    public void Changing_a_future_candle_changes_no_earlier_row(string name)
    {
        var set = FeatureRegistry.Get(name);
        var candles = SeedSeries.RandomWalk(200, seed: 5);
        var before = set.CreateBatch().Compute(candles);
        // A wild spike at candle 150: it is the new 50-bar high/low, so a centred or forward window would show it early.
        var c = candles[150];
        candles[150] = c with { High = c.High * 3, Low = c.Low / 3, Close = c.Close * 2 };
        var after = set.CreateBatch().Compute(candles);
        for (int t = 0; t < 150; t++)
            for (int j = 0; j < set.Columns.Count; j++)
                Assert.True(before[t, j].Equals(after[t, j]), $"{set.Columns[j]}[{t}] changed when candle 150 changed");
        Assert.NotEqual(before[150, 0], after[150, 0]);
    }

    [Fact]
    public void Fibonacci_levels_use_the_trailing_50_bar_window_only()
    {
        var candles = SeedSeries.RandomWalk(300, seed: 21, vol: 0.02);
        var frame = FeatureRegistry.V1.CreateBatch().Compute(candles);
        int r618 = frame.IndexOf("fib_r_618");
        for (int t = 49; t < candles.Length; t++)
        {
            double hi = double.MinValue, lo = double.MaxValue;
            for (int k = t - 49; k <= t; k++) { hi = Math.Max(hi, candles[k].High); lo = Math.Min(lo, candles[k].Low); }
            Assert.Equal(lo + (hi - lo) * 0.618, frame[t, r618], 12);
        }
        Assert.True(double.IsNaN(frame[48, r618]));
    }
}
