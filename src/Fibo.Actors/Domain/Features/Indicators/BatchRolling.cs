namespace Fibo.Actors.Domain.Features.Indicators;

/// <summary>
/// The batch reference for pandas rolling statistics with min_periods = W: each window is evaluated directly from its
/// values (sum, then a second pass for the variance), so nothing accumulates across windows. O(n·W), clear and exact
/// enough to be the ground truth the streaming state is checked against.
/// </summary>
internal static class BatchRolling
{
    /// <summary>rolling(W).mean(): NaN until W values, NaN when the window holds a NaN; an all-equal window is that value.</summary>
    public static double[] Mean(ReadOnlySpan<double> x, int window)
    {
        var result = new double[x.Length];
        for (int t = 0; t < x.Length; t++) result[t] = WindowMean(x, t, window, out _);
        return result;
    }

    /// <summary>rolling(W).std() with ddof 1; an all-equal window gives exactly 0.</summary>
    public static double[] Std(ReadOnlySpan<double> x, int window)
    {
        var result = new double[x.Length];
        for (int t = 0; t < x.Length; t++)
        {
            double mean = WindowMean(x, t, window, out bool allEqual);
            if (double.IsNaN(mean)) { result[t] = double.NaN; continue; }
            if (allEqual) { result[t] = 0.0; continue; }
            double ss = 0;
            for (int k = t - window + 1; k <= t; k++)
            {
                double d = x[k] - mean;
                ss += d * d;
            }
            result[t] = Math.Sqrt(ss / (window - 1));
        }
        return result;
    }

    /// <summary>rolling(W).max() (or min): NaN until W values or when the window holds a NaN.</summary>
    public static double[] Extreme(ReadOnlySpan<double> x, int window, bool max)
    {
        var result = new double[x.Length];
        for (int t = 0; t < x.Length; t++)
        {
            if (t < window - 1) { result[t] = double.NaN; continue; }
            double m = x[t - window + 1];
            bool nan = double.IsNaN(m);
            for (int k = t - window + 2; k <= t && !nan; k++)
            {
                double v = x[k];
                if (double.IsNaN(v)) nan = true;
                else if (max ? v > m : v < m) m = v;
            }
            result[t] = nan ? double.NaN : m;
        }
        return result;
    }

    private static double WindowMean(ReadOnlySpan<double> x, int t, int window, out bool allEqual)
    {
        allEqual = false;
        if (t < window - 1) return double.NaN;
        double first = x[t - window + 1];
        double sum = 0;
        bool equal = true;
        for (int k = t - window + 1; k <= t; k++)
        {
            double v = x[k];
            if (double.IsNaN(v)) return double.NaN;
            if (v != first) equal = false;
            sum += v;
        }
        allEqual = equal;
        return equal ? first : sum / window;
    }
}
