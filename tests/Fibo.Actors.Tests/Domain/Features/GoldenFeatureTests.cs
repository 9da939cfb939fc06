using Fibo.Actors.Domain.Features;
using Fibo.Actors.Tests.Support;

namespace Fibo.Actors.Tests.Domain.Features;

/// <summary>Batch features equal the values the original Python code produced (SEED-SPEC Appendix A) to 1e-9.</summary>
public class GoldenFeatureTests
{
    private static readonly FeatureFrame V2Frame = FeatureRegistry.V2.CreateBatch().Compute(SeedSeries.AppendixA());
    private static readonly FeatureFrame V1Frame = FeatureRegistry.V1.CreateBatch().Compute(SeedSeries.AppendixA());

    public static TheoryData<string, int, double> V2Golden() => new()
    {
        { "log_ret_1", 49, 0.00802763562222708 }, { "log_ret_1", 100, -0.005446433488188518 }, { "log_ret_1", 299, -0.009917821643744773 },
        { "log_ret_5", 49, 0.013779146728366776 }, { "log_ret_5", 100, -0.020200022935448203 }, { "log_ret_5", 299, -0.03246240162714198 },
        { "momentum_10", 49, 0.06514257163552917 }, { "momentum_10", 100, -0.02842347376791232 }, { "momentum_10", 299, -0.04340704153802322 },
        { "log_ret_accel", 49, 0.003278481077154005 }, { "log_ret_accel", 100, -0.00462456932591504 }, { "log_ret_accel", 299, 0.0018056555062546664 },
        { "ma_ratio_20", 49, 0.055998684921782886 }, { "ma_ratio_20", 100, -0.017683685985458122 }, { "ma_ratio_20", 299, -0.023202998915116235 },
        { "bb_width", 49, 0.15239611222561955 }, { "bb_width", 100, 0.06298417272993481 }, { "bb_width", 299, 0.05815524068264927 },
        { "bb_std_pct", 49, 0.036078669983596476 }, { "bb_std_pct", 100, 0.016029503895881154 }, { "bb_std_pct", 299, 0.01488416749285137 },
        { "rsi_14", 49, 98.57398477127812 }, { "rsi_14", 100, 22.776770912502656 }, { "rsi_14", 299, 38.89091193460626 },
        { "atr_pct", 49, 0.01449397494297718 }, { "atr_pct", 100, 0.014249333728246709 }, { "atr_pct", 299, 0.013473890015651762 },
        { "raw_vol_10", 49, 0.005251162230886459 }, { "raw_vol_10", 100, 0.005451002315983413 }, { "raw_vol_10", 299, 0.004732677538390532 },
        { "raw_vol_30", 49, 0.007103938376985866 }, { "raw_vol_30", 100, 0.0065528345577186104 }, { "raw_vol_30", 299, 0.00664014319201405 },
        { "fib_composite", 49, 0.3151095564542233 }, { "fib_composite", 100, 0.16708084077068847 }, { "fib_composite", 299, -0.12524443769111662 },
        { "td_buy_setup", 49, 0 }, { "td_buy_setup", 100, 6 }, { "td_buy_setup", 299, 8 },
        { "td_sell_setup", 49, 15 }, { "td_sell_setup", 100, 0 }, { "td_sell_setup", 299, 0 },
    };

    public static TheoryData<string, int, double> V1Golden() => new()
    {
        { "log_close", 49, 4.676452557130482 }, { "log_close", 299, 4.744516650720502 },
        { "sma_20", 49, 101.69372674070128 }, { "sma_20", 299, 117.68282444334238 },
        { "ema_5", 49, 106.31878965525728 }, { "ema_5", 299, 116.69713652017349 },
        { "ema_20", 49, 103.17664890139228 }, { "ema_20", 299, 116.82174272998216 },
        { "ema_50", 49, 101.74366906263072 }, { "ema_50", 299, 114.9327468441185 },
        { "ma_diff_20", 49, 5.694714962274418 }, { "ma_diff_20", 299, -2.7305944478866877 },
        { "bb_std", 49, 3.8744321482543493 }, { "bb_std", 299, 1.7109682449291357 },
        { "atr_14", 49, 1.5564853832082954 }, { "atr_14", 299, 1.5488537040126755 },
        { "fib_r_618", 49, 103.29480367386674 }, { "fib_r_618", 299, 115.65469082748741 },
        { "dist_fib_r_618", 49, 0.3278853815429193 }, { "dist_fib_r_618", 299, -0.05087191553799825 },
        { "fibext_1618", 49, 115.77977024921591 }, { "fibext_1618", 299, 129.4631119298346 },
        { "dist_fibext_1618", 49, -0.6721146184570808 }, { "dist_fibext_1618", 299, -1.0508719155379993 },
        { "ret_1", 49, 0.00805994348311545 }, { "ret_1", 299, -0.009868802239748509 },
        { "ret_5", 49, 0.013874516706175122 }, { "ret_5", 299, -0.03194115341546466 },
    };

    [Theory]
    [MemberData(nameof(V2Golden))]
    public void V2_batch_equals_appendix_a(string column, int row, double expected) =>
        AssertValue(V2Frame, column, row, expected);

    [Theory]
    [MemberData(nameof(V1Golden))]
    public void V1_batch_equals_appendix_a(string column, int row, double expected) =>
        AssertValue(V1Frame, column, row, expected);

    [Theory]
    [InlineData("v1")]
    [InlineData("v2")]
    public void Dropna_keeps_251_rows_and_the_first_complete_row_is_49(string name)
    {
        var frame = name == "v1" ? V1Frame : V2Frame;
        var kept = frame.DropIncomplete();
        Assert.Equal(251, kept.RowCount);
        Assert.Equal(49, kept.SourceRows[0]);
        Assert.Equal(299, kept.SourceRows[^1]);
        Assert.Equal(49, FeatureRegistry.Get(name).WarmUp);
        Assert.False(frame.IsComplete(48));
    }

    [Fact]
    public void V2_first_valid_rows_match_the_seed_table()
    {
        // SEED-SPEC §4.2 "First valid" column.
        var expected = new Dictionary<string, int>
        {
            ["log_ret_1"] = 1, ["log_ret_5"] = 5, ["momentum_10"] = 10, ["log_ret_accel"] = 2, ["ma_ratio_20"] = 19,
            ["bb_width"] = 19, ["bb_std_pct"] = 19, ["rsi_14"] = 14, ["atr_pct"] = 13, ["raw_vol_10"] = 10,
            ["raw_vol_30"] = 30, ["fib_composite"] = 49, ["td_buy_setup"] = 0, ["td_sell_setup"] = 0,
        };
        foreach (var (col, first) in expected) Assert.Equal((col, first), (col, FirstValid(V2Frame, col)));
    }

    [Fact]
    public void V1_first_valid_rows_match_the_seed_table()
    {
        var expected = new Dictionary<string, int>
        {
            ["log_close"] = 0, ["log_ret_1"] = 1, ["log_ret_5"] = 5, ["ret_1"] = 1, ["ret_5"] = 5, ["sma_5"] = 4,
            ["sma_20"] = 19, ["sma_50"] = 49, ["ema_5"] = 0, ["ema_50"] = 0, ["bb_width"] = 19, ["rsi_14"] = 14,
            ["atr_14"] = 13, ["raw_vol_10"] = 10, ["raw_vol_30"] = 30, ["fib_r_236"] = 49, ["dist_fibext_2000"] = 49,
            ["td_buy_setup"] = 0,
        };
        foreach (var (col, first) in expected) Assert.Equal((col, first), (col, FirstValid(V1Frame, col)));
    }

    [Fact]
    public void Column_names_and_order_equal_the_seed_model_metas()
    {
        Assert.Equal(SeedMeta.FeatureCols("v1"), FeatureRegistry.V1.Columns);
        Assert.Equal(SeedMeta.FeatureCols("v2"), FeatureRegistry.V2.Columns);
        Assert.Equal(39, FeatureRegistry.V1.Columns.Count);
        Assert.Equal(14, FeatureRegistry.V2.Columns.Count);
    }

    private static int FirstValid(FeatureFrame frame, string column)
    {
        var values = frame.Column(column);
        return Array.FindIndex(values, v => !double.IsNaN(v));
    }

    private static void AssertValue(FeatureFrame frame, string column, int row, double expected)
    {
        int c = frame.IndexOf(column);
        Assert.True(c >= 0, $"no column {column}");
        double actual = frame[row, c];
        Assert.True(Math.Abs(actual - expected) <= 1e-9, $"{column}[{row}] = {actual:R}, seed {expected:R}, diff {actual - expected:E3}");
    }
}
