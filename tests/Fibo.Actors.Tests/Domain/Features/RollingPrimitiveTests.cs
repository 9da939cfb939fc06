using Fibo.Actors.Domain.Features.Indicators;
using Fibo.Actors.Tests.Support;

namespace Fibo.Actors.Tests.Domain.Features;

/// <summary>The streaming primitives against their batch references, including the cases pandas special-cases.</summary>
public class RollingPrimitiveTests
{
    [Fact]
    public void Rolling_moments_match_the_per_window_reference_and_beat_a_naive_running_sum()
    {
        // A trending price around 30k with small moves: the case where a plain running sum of squares drifts.
        var rng = new Random(1);
        var x = new double[100_000];
        double p = 30_000;
        for (int i = 0; i < x.Length; i++) { p += rng.NextDouble() - 0.48; x[i] = Math.Round(p, 2); }

        var mean = BatchRolling.Mean(x, 20);
        var std = BatchRolling.Std(x, 20);
        var rolling = new RollingMoments(20);
        double naiveS1 = 0, naiveS2 = 0, naiveWorst = 0, worst = 0;
        for (int t = 0; t < x.Length; t++)
        {
            rolling.Push(x[t]);
            naiveS1 += x[t]; naiveS2 += x[t] * x[t];
            if (t >= 20) { naiveS1 -= x[t - 20]; naiveS2 -= x[t - 20] * x[t - 20]; }
            if (t < 19) { Assert.True(double.IsNaN(rolling.Std)); continue; }
            Assert.True(SeedSeries.Close(mean[t], rolling.Mean), $"mean[{t}]");
            worst = Math.Max(worst, Math.Abs(std[t] - rolling.Std));
            double naive = Math.Sqrt(Math.Max(0, (naiveS2 - naiveS1 * naiveS1 / 20) / 19));
            naiveWorst = Math.Max(naiveWorst, Math.Abs(std[t] - naive));
        }
        Assert.True(worst < 1e-9, $"streaming std off by {worst:E2}");
        Assert.True(naiveWorst > 1e-9, $"the naive running sum should drift on this series (off by {naiveWorst:E2}); the test would not show anything");
    }

    [Fact]
    public void All_equal_window_gives_exact_mean_and_zero_std()
    {
        var m = new RollingMoments(14);
        foreach (var v in new[] { 0.3, 0.7, 0.1 }) m.Push(v);
        for (int i = 0; i < 14; i++) m.Push(0.1);
        Assert.Equal(0.1, m.Mean);
        Assert.Equal(0.0, m.Std);
    }

    [Fact]
    public void A_nan_in_the_window_gives_nan_until_it_leaves()
    {
        var m = new RollingMoments(3);
        var mx = new RollingExtreme(3, max: true);
        foreach (var v in new[] { 1.0, double.NaN, 2.0, 3.0 }) { m.Push(v); mx.Push(v); }
        Assert.True(double.IsNaN(m.Mean));
        Assert.True(double.IsNaN(mx.Value));
        m.Push(4.0); mx.Push(4.0);
        Assert.Equal(3.0, m.Mean);
        Assert.Equal(1.0, m.Std);
        Assert.Equal(4.0, mx.Value);
    }

    [Fact]
    public void Rolling_extremes_match_a_scan()
    {
        var rng = new Random(3);
        var x = Enumerable.Range(0, 5000).Select(_ => Math.Round(rng.NextDouble() * 20)).ToArray();
        var max = BatchRolling.Extreme(x, 50, max: true);
        var min = BatchRolling.Extreme(x, 50, max: false);
        var smax = new RollingExtreme(50, max: true);
        var smin = new RollingExtreme(50, max: false);
        for (int t = 0; t < x.Length; t++)
        {
            smax.Push(x[t]); smin.Push(x[t]);
            Assert.Equal(max[t], smax.Value);
            Assert.Equal(min[t], smin.Value);
        }
    }

    [Fact]
    public void Ema_follows_pandas_adjust_false()
    {
        // ewm(span=3, adjust=False): α = 0.5, EMA₀ = x₀.
        var e = new EmaState(3);
        Assert.Equal(1.0, e.Push(1.0));
        Assert.Equal(2.0, e.Push(3.0));
        Assert.Equal(3.5, e.Push(5.0));
        Assert.Equal(3.5, e.Push(double.NaN));
    }
}
