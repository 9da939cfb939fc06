namespace Fibo.Actors.Domain.Audit;

/// <summary>
/// Linear ridge regression with an intercept (closed form on centred data, Cholesky). Cheap enough to refit many
/// times for a permutation test.
/// </summary>
internal sealed class RidgeRegression
{
    private readonly double[] _beta;
    private readonly double _intercept;

    private RidgeRegression(double[] beta, double intercept)
    {
        _beta = beta;
        _intercept = intercept;
    }

    /// <param name="x">Row-major n × f.</param>
    /// <param name="lambda">Penalty relative to the mean diagonal of XᵀX (scale-free).</param>
    public static RidgeRegression Fit(ReadOnlySpan<double> x, ReadOnlySpan<double> y, int f, double lambda)
    {
        int n = y.Length;
        var meanX = new double[f];
        double meanY = 0;
        for (int i = 0; i < n; i++)
        {
            meanY += y[i];
            for (int j = 0; j < f; j++) meanX[j] += x[i * f + j];
        }
        meanY /= n;
        for (int j = 0; j < f; j++) meanX[j] /= n;

        var a = new double[f * f];
        var b = new double[f];
        for (int i = 0; i < n; i++)
        {
            double yc = y[i] - meanY;
            for (int j = 0; j < f; j++)
            {
                double xj = x[i * f + j] - meanX[j];
                b[j] += xj * yc;
                for (int k = 0; k <= j; k++) a[j * f + k] += xj * (x[i * f + k] - meanX[k]);
            }
        }
        double trace = 0;
        for (int j = 0; j < f; j++) trace += a[j * f + j];
        double ridge = lambda * Math.Max(trace / f, 1e-300);
        for (int j = 0; j < f; j++)
        {
            a[j * f + j] += ridge;
            for (int k = 0; k < j; k++) a[k * f + j] = a[j * f + k];
        }
        var beta = SolveCholesky(a, b, f);
        double intercept = meanY;
        for (int j = 0; j < f; j++) intercept -= beta[j] * meanX[j];
        return new RidgeRegression(beta, intercept);
    }

    public double Predict(ReadOnlySpan<double> row)
    {
        double p = _intercept;
        for (int j = 0; j < _beta.Length; j++) p += _beta[j] * row[j];
        return p;
    }

    /// <summary>Out-of-sample R² = 1 − SSE/SST around the evaluation mean (≤ 0 for no skill).</summary>
    public double RSquared(ReadOnlySpan<double> x, ReadOnlySpan<double> y, int f)
    {
        double mean = 0;
        foreach (var v in y) mean += v;
        mean /= y.Length;
        double sse = 0, sst = 0;
        for (int i = 0; i < y.Length; i++)
        {
            double e = y[i] - Predict(x.Slice(i * f, f));
            sse += e * e;
            double d = y[i] - mean;
            sst += d * d;
        }
        return sst > 0 ? 1 - sse / sst : 0;
    }

    private static double[] SolveCholesky(double[] a, double[] b, int f)
    {
        var l = new double[f * f];
        for (int j = 0; j < f; j++)
        {
            double s = a[j * f + j];
            for (int k = 0; k < j; k++) s -= l[j * f + k] * l[j * f + k];
            if (!(s > 0)) s = 1e-300; // the ridge keeps A positive definite; guard against round-off on degenerate input
            l[j * f + j] = Math.Sqrt(s);
            for (int i = j + 1; i < f; i++)
            {
                double t = a[i * f + j];
                for (int k = 0; k < j; k++) t -= l[i * f + k] * l[j * f + k];
                l[i * f + j] = t / l[j * f + j];
            }
        }
        var z = new double[f];
        for (int i = 0; i < f; i++)
        {
            double t = b[i];
            for (int k = 0; k < i; k++) t -= l[i * f + k] * z[k];
            z[i] = t / l[i * f + i];
        }
        var beta = new double[f];
        for (int i = f - 1; i >= 0; i--)
        {
            double t = z[i];
            for (int k = i + 1; k < f; k++) t -= l[k * f + i] * beta[k];
            beta[i] = t / l[i * f + i];
        }
        return beta;
    }
}
