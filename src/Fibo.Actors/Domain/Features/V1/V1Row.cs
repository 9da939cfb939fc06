using Fibo.Actors.Domain.Features.Indicators;
using static Fibo.Actors.Domain.Features.Indicators.FeatureMath;

namespace Fibo.Actors.Domain.Features.V1;

/// <summary>The seed's v1 row (<c>add_technical_features</c>, SEED-SPEC §4.1), in the model's 39-column order.</summary>
internal static class V1Row
{
    public static readonly double[] Retracements = [0.236, 0.382, 0.5, 0.618, 0.786];
    public static readonly double[] Extensions = [1.272, 1.618, 2.0];

    /// <summary>
    /// The 39 <c>feature_cols</c> of the seed's v1 model meta: the full v1 output order (§4.1) minus close, high, low
    /// and volume. Levels are named <c>fib_r_{int(f·1000)}</c> / <c>fibext_{int(f·1000)}</c>, each followed by its
    /// <c>dist_</c> column.
    /// </summary>
    public static readonly string[] Columns = BuildColumns();

    private static string[] BuildColumns()
    {
        var cols = new List<string>
        {
            "log_close", "log_ret_1", "log_ret_5", "sma_5", "sma_20", "sma_50", "ema_5", "ema_20", "ema_50",
            "ma_diff_20", "bb_m", "bb_std", "bb_up", "bb_dn", "bb_width", "rsi_14", "atr_14", "raw_vol_10", "raw_vol_30",
        };
        foreach (var f in Retracements) { var tag = $"fib_r_{(int)(f * 1000)}"; cols.Add(tag); cols.Add("dist_" + tag); }
        foreach (var f in Extensions) { var tag = $"fibext_{(int)(f * 1000)}"; cols.Add(tag); cols.Add("dist_" + tag); }
        cols.AddRange(["td_buy_setup", "td_sell_setup", "ret_1", "ret_5"]);
        return cols.ToArray();
    }

    public const int ColumnCount = 39;

    /// <summary>Writes the row; returns true when it holds no NaN.</summary>
    public static bool Write(in IndicatorValues v, Span<double> row)
    {
        double c = v.Close;
        row[0] = v.LogClose;
        row[1] = Clean(v.LogClose - v.LogClose1);
        row[2] = Clean(v.LogClose - v.LogClose5);
        row[3] = v.Sma5;
        row[4] = v.Sma20;
        row[5] = v.Sma50;
        row[6] = v.Ema5;
        row[7] = v.Ema20;
        row[8] = v.Ema50;
        row[9] = Clean(c - v.Sma20);
        double bbUp = v.Sma20 + 2.0 * v.Std20, bbDn = v.Sma20 - 2.0 * v.Std20;
        row[10] = v.Sma20;
        row[11] = v.Std20;
        row[12] = bbUp;
        row[13] = bbDn;
        row[14] = Clean((bbUp - bbDn) / v.Sma20);
        row[15] = Rsi(v.MeanUp14, v.MeanDown14);
        row[16] = v.Atr14;
        row[17] = v.Vol10;
        row[18] = v.Vol30;
        double range = FibRange(v.HighestHigh50, v.LowestLow50);
        int k = 19;
        foreach (var f in Retracements)
        {
            double level = Clean(FibLevel(v.LowestLow50, range, f));
            row[k++] = level;
            row[k++] = FibDistance(c, level, range);
        }
        foreach (var f in Extensions)
        {
            double level = Clean(FibLevel(v.LowestLow50, range, f));
            row[k++] = level;
            row[k++] = FibDistance(c, level, range);
        }
        row[35] = v.TdBuy;
        row[36] = v.TdSell;
        row[37] = PctChange(c, v.Close1);
        row[38] = PctChange(c, v.Close5);

        bool complete = !double.IsNaN(c) && !double.IsNaN(v.High) && !double.IsNaN(v.Low);
        for (int i = 0; i < ColumnCount && complete; i++) complete = !double.IsNaN(row[i]);
        return complete;
    }
}
