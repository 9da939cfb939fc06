namespace Fibo.Actors.Domain.Features.Indicators;

/// <summary>
/// The seed's scalar formulas, shared by the batch and the streaming feature code so both evaluate the exact same
/// floating-point expressions (pandas/numpy semantics, float64).
/// </summary>
internal static class FeatureMath
{
    /// <summary>The seed replaces ±inf with NaN in every output column.</summary>
    public static double Clean(double v) => double.IsFinite(v) ? v : double.NaN;

    /// <summary>np.log: 0 → −inf and negative → NaN, both NaN after <see cref="Clean"/>.</summary>
    public static double Log(double x) => Clean(Math.Log(x));

    /// <summary><c>pct_change</c>: x/prev − 1 (prev = 0 gives ±inf → NaN).</summary>
    public static double PctChange(double x, double prev) => Clean(x / prev - 1.0);

    /// <summary>
    /// The SMA ("Cutler") RSI the seed runs without pandas_ta: rs = mu/(md + 1e-12); 100 − 100/(1 + rs).
    /// Both averages 0 gives 0 (a flat window reads as RSI 0, the seed's quirk).
    /// </summary>
    public static double Rsi(double meanUp, double meanDown) => Clean(100.0 - 100.0 / (1.0 + meanUp / (meanDown + 1e-12)));

    /// <summary>True range, NaN-skipping like pandas' row max: the first bar (no previous close) is H − L.</summary>
    public static double TrueRange(double high, double low, double prevClose)
    {
        double a = high - low, b = Math.Abs(high - prevClose), c = Math.Abs(low - prevClose);
        double m = double.NaN;
        if (!double.IsNaN(a)) m = a;
        if (!double.IsNaN(b) && (double.IsNaN(m) || b > m)) m = b;
        if (!double.IsNaN(c) && (double.IsNaN(m) || c > m)) m = c;
        return m;
    }

    /// <summary>pandas <c>ewm(span, adjust=False)</c>: α = 1/(1 + com), com = (span − 1)/2.</summary>
    public static double EmaAlpha(int span) => 1.0 / (1.0 + (span - 1) / 2.0);

    /// <summary>The Fibonacci range R = Hₙ − Lₙ; a zero range is NaN (the seed's replace(0, NaN)).</summary>
    public static double FibRange(double highestHigh, double lowestLow)
    {
        double r = highestHigh - lowestLow;
        return r == 0 ? double.NaN : r;
    }

    /// <summary>A Fibonacci level Lₙ + R·f.</summary>
    public static double FibLevel(double lowestLow, double range, double ratio) => lowestLow + range * ratio;

    /// <summary>The distance column (C − level)/R.</summary>
    public static double FibDistance(double close, double level, double range) => Clean((close - level) / range);

    /// <summary>
    /// v2's fib_composite: d_f = (C − level_f)/R, w_f = 1/(1+|d_f|), Σ w·sign(d) / Σ w with nansum on both sides,
    /// so a NaN range gives 0/0 = NaN.
    /// </summary>
    public static double FibComposite(double close, double lowestLow, double range, ReadOnlySpan<double> ratios)
    {
        double num = 0, den = 0;
        foreach (var f in ratios)
        {
            double d = (close - (lowestLow + range * f)) / range;
            if (!double.IsFinite(d)) continue;
            double w = 1.0 / (1.0 + Math.Abs(d));
            num += w * Math.Sign(d);
            den += w;
        }
        return Clean(num / den);
    }

    /// <summary>TD setup counter step: prev+1 when the condition holds, else 0.</summary>
    public static int TdStep(int prev, bool condition) => condition ? prev + 1 : 0;
}
