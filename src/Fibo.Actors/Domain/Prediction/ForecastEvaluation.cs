namespace Fibo.Actors.Domain.Prediction;

/// <summary>Error measures of one return forecaster on one test set.</summary>
/// <param name="DirectionalAccuracy">Share of sequences where sign(forecast) = sign(actual); null for a forecaster
/// that never calls a direction (the zero-return baseline), rather than a misleading 0.</param>
public sealed record ReturnScore(string Name, double Mae, double Rmse, double? DirectionalAccuracy);

/// <summary>Error measures of one volatility forecaster.</summary>
/// <param name="Correlation">Pearson correlation of forecast and realised volatility (null when either is constant).</param>
public sealed record VolatilityScore(string Name, double Mae, double Rmse, double? Correlation);

/// <summary>The model against naive baselines on the same sequences. Reported as measured, good or bad.</summary>
public sealed record ForecastEvaluation(
    int Horizon,
    int Count,
    ReturnScore Model,
    ReturnScore ZeroReturn,
    ReturnScore LastReturn,
    VolatilityScore ModelVolatility,
    VolatilityScore LastVolatility)
{
    /// <summary>True when the model's return RMSE is below both baselines'.</summary>
    public bool BeatsBaselines => Model.Rmse < ZeroReturn.Rmse && Model.Rmse < LastReturn.Rmse;

    /// <summary>
    /// Scores a forecast. <paramref name="lastReturn"/> is the persistence forecast, the h-bar log return that ended
    /// at each sequence's last input candle; <paramref name="lastVolatility"/> the realised per-bar volatility of
    /// the same last h bars (the naive volatility forecast).
    /// </summary>
    public static ForecastEvaluation Evaluate(int horizon, IReadOnlyList<double> predRet, IReadOnlyList<double> predVol,
        IReadOnlyList<double> actualRet, IReadOnlyList<double> actualVol, IReadOnlyList<double> lastReturn, IReadOnlyList<double> lastVolatility)
    {
        var n = actualRet.Count;
        if (n == 0) throw new InputException("cannot evaluate on an empty test set");
        foreach (var (name, list) in new[] { ("pred_ret", predRet), ("pred_vol", predVol), ("actual_vol", actualVol), ("last_return", lastReturn), ("last_vol", lastVolatility) })
            if (list.Count != n) throw new ArgumentException($"{name} has {list.Count} values for {n} sequences");
        return new ForecastEvaluation(horizon, n,
            ScoreReturn("model", predRet, actualRet),
            ScoreReturn("zero return", new double[n], actualRet) with { DirectionalAccuracy = null },
            ScoreReturn("last return", lastReturn, actualRet),
            ScoreVolatility("model", predVol, actualVol),
            ScoreVolatility("last realised", lastVolatility, actualVol));
    }

    private static ReturnScore ScoreReturn(string name, IReadOnlyList<double> pred, IReadOnlyList<double> actual)
    {
        double abs = 0, sq = 0;
        var hits = 0;
        for (var i = 0; i < actual.Count; i++)
        {
            var e = pred[i] - actual[i];
            abs += Math.Abs(e);
            sq += e * e;
            if (Math.Sign(pred[i]) == Math.Sign(actual[i])) hits++;
        }
        return new ReturnScore(name, abs / actual.Count, Math.Sqrt(sq / actual.Count), (double)hits / actual.Count);
    }

    private static VolatilityScore ScoreVolatility(string name, IReadOnlyList<double> pred, IReadOnlyList<double> actual)
    {
        double abs = 0, sq = 0;
        for (var i = 0; i < actual.Count; i++)
        {
            var e = pred[i] - actual[i];
            abs += Math.Abs(e);
            sq += e * e;
        }
        return new VolatilityScore(name, abs / actual.Count, Math.Sqrt(sq / actual.Count), Statistics.Pearson(pred, actual));
    }
}

/// <summary>Small statistics used by the evaluation and the forecasts.</summary>
public static class Statistics
{
    /// <summary>Pearson correlation; null when either series is constant or shorter than 2.</summary>
    public static double? Pearson(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        var n = a.Count;
        if (n < 2 || b.Count != n) return null;
        double ma = 0, mb = 0;
        for (var i = 0; i < n; i++) { ma += a[i]; mb += b[i]; }
        ma /= n;
        mb /= n;
        double sab = 0, saa = 0, sbb = 0;
        for (var i = 0; i < n; i++)
        {
            var da = a[i] - ma;
            var db = b[i] - mb;
            sab += da * db;
            saa += da * da;
            sbb += db * db;
        }
        if (saa <= 0 || sbb <= 0) return null;
        return sab / Math.Sqrt(saa * sbb);
    }

    /// <summary>Population standard deviation (ddof 0), the seed's y_vol definition.</summary>
    public static double PopulationStd(ReadOnlySpan<double> values)
    {
        if (values.Length == 0) return double.NaN;
        double m = 0;
        foreach (var v in values) m += v;
        m /= values.Length;
        double s = 0;
        foreach (var v in values) s += (v - m) * (v - m);
        return Math.Sqrt(s / values.Length);
    }
}
