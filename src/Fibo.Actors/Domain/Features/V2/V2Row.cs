using Fibo.Actors.Domain.Features.Indicators;
using static Fibo.Actors.Domain.Features.Indicators.FeatureMath;

namespace Fibo.Actors.Domain.Features.V2;

/// <summary>The seed's v2 row (<c>add_technical_features_v2</c>, SEED-SPEC §4.2): 14 stationary columns.</summary>
internal static class V2Row
{
    public static readonly string[] Columns =
    [
        "log_ret_1", "log_ret_5", "momentum_10", "log_ret_accel", "ma_ratio_20", "bb_width", "bb_std_pct", "rsi_14",
        "atr_pct", "raw_vol_10", "raw_vol_30", "fib_composite", "td_buy_setup", "td_sell_setup",
    ];

    /// <summary>The 8 levels of fib_composite: the retracements then the extensions.</summary>
    public static readonly double[] CompositeRatios = [0.236, 0.382, 0.5, 0.618, 0.786, 1.272, 1.618, 2.0];

    public const int ColumnCount = 14;

    /// <summary>Writes the row; returns true when it holds no NaN.</summary>
    public static bool Write(in IndicatorValues v, Span<double> row)
    {
        double c = v.Close;
        double lr1 = Clean(v.LogClose - v.LogClose1);
        double lr1Prev = Clean(v.LogClose1 - v.LogClose2);
        row[0] = lr1;
        row[1] = Clean(v.LogClose - v.LogClose5);
        row[2] = PctChange(c, v.Close10);
        row[3] = Clean(lr1 - lr1Prev);
        row[4] = Clean((c - v.Sma20) / v.Sma20);
        row[5] = Clean(4.0 * v.Std20 / v.Sma20);
        row[6] = Clean(v.Std20 / c);
        row[7] = Rsi(v.MeanUp14, v.MeanDown14);
        row[8] = Clean(v.Atr14 / c);
        row[9] = v.Vol10;
        row[10] = v.Vol30;
        row[11] = FibComposite(c, v.LowestLow50, FibRange(v.HighestHigh50, v.LowestLow50), CompositeRatios);
        row[12] = v.TdBuy;
        row[13] = v.TdSell;

        bool complete = !double.IsNaN(c);
        for (int i = 0; i < ColumnCount && complete; i++) complete = !double.IsNaN(row[i]);
        return complete;
    }
}
