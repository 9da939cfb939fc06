namespace Fibo.Actors.Domain.Features.Indicators;

/// <summary>
/// Everything the v1 and v2 rows are assembled from at one candle t: inputs, lags and rolling statistics.
/// The batch and the streaming engines each fill it their own way; the row formulas (<see cref="V1.V1Row"/>,
/// <see cref="V2.V2Row"/>) are shared, so the two implementations differ only in how the rolling parts are kept.
/// </summary>
internal struct IndicatorValues
{
    public double Close, High, Low;
    /// <summary>ln C at t, t−1, t−2, t−5 (NaN before the start or for C ≤ 0).</summary>
    public double LogClose, LogClose1, LogClose2, LogClose5;
    /// <summary>C at t−1, t−5, t−10.</summary>
    public double Close1, Close5, Close10;
    public double Sma5, Sma20, Std20, Sma50;
    public double Ema5, Ema20, Ema50;
    /// <summary>SMA14 of the up and down moves of close (the seed's RSI inputs).</summary>
    public double MeanUp14, MeanDown14;
    /// <summary>SMA14 of the true range (the seed's ATR).</summary>
    public double Atr14;
    /// <summary>Rolling std (ddof 1) of log_ret_1 over 10 and 30 bars.</summary>
    public double Vol10, Vol30;
    /// <summary>Rolling max(H, 50) and min(L, 50).</summary>
    public double HighestHigh50, LowestLow50;
    public int TdBuy, TdSell;

    public const int FibLookback = 50;

    /// <summary>log_ret_1 = ln Cₜ − ln Cₜ₋₁ (the series raw_vol is computed over).</summary>
    public static double LogReturn1(double logClose, double logClosePrev) => FeatureMath.Clean(logClose - logClosePrev);
}
