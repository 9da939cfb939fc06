using Fibo.Actors.Domain.Audit;
using Fibo.Actors.Domain.Dataset;
using Fibo.Actors.Domain.Features;
using Fibo.Actors.Tests.Support;
using Fibo.Messages.MarketData;

namespace Fibo.Actors.Tests.Domain.Audit;

/// <summary>The audit passes the clean pipeline on real candles and flags deliberately leaky datasets.</summary>
public class LeakageAuditTests
{
    private static readonly Lazy<FeatureFrame> RealV2 = new(() =>
        FeatureRegistry.V2.CreateBatch().Compute(SampleData.Load("ETH_BTC-5m.csv")).DropIncomplete());

    private static DatasetRequest Request(int horizon = 4) => new(FeatureRegistry.V2, new SequenceOptions(32, horizon));

    private static AuditCheck Check(AuditReport report, string name) => report.Checks.Single(c => c.Name == name);

    [Fact]
    public void Clean_v2_pipeline_on_real_candles_passes()
    {
        var candles = SampleData.Load("ETH_BTC-5m.csv");
        var ds = DatasetPipeline.Prepare(candles, Request());
        var report = LeakageAudit.Run(AuditInput.From(ds, candles));
        Assert.False(report.LeakFound, report.ToText());
        Assert.Equal(AuditStatus.Ok, Check(report, "recompute_on_prefixes").Status);
        Assert.Equal(AuditStatus.Ok, Check(report, "scaler_fit_rows").Status);
        Assert.Equal(AuditStatus.Ok, Check(report, "exact_shift_matches").Status);
        Assert.Equal(AuditStatus.Ok, Check(report, "permutation_test").Status);
        Assert.Equal(49, (int)Check(report, "dropna_rows").Details!);
        Assert.Contains("verdict: no leak found", report.ToText());
    }

    [Fact]
    public void A_feature_that_is_the_next_close_is_flagged()
    {
        var frame = RealV2.Value;
        var close = frame.Close;
        var next = new double[frame.RowCount];
        for (int r = 0; r < next.Length - 1; r++) next[r] = close[r + 1];
        var leaky = frame.WithColumn("alpha_1", next).SelectRows(Enumerable.Range(0, frame.RowCount - 1).ToList());
        var ds = DatasetPipeline.Prepare(leaky, [.. FeatureRegistry.V2.Columns, "alpha_1"], Request(), frame.RowCount + 49);
        var report = LeakageAudit.Run(AuditInput.From(ds));
        Assert.True(report.LeakFound);
        var shift = Check(report, "exact_shift_matches");
        Assert.True(shift.Leak);
        Assert.Contains("alpha_1", shift.Message);
        Assert.Contains("[LEAK] exact_shift_matches", report.ToText());
    }

    [Fact]
    public void A_scaler_fitted_on_all_rows_is_flagged_given_or_recovered()
    {
        var ds = DatasetPipeline.Prepare(SampleData.Load("ETH_BTC-5m.csv"), Request());
        var all = StandardScaler.Fit(ds.Features, ds.Features.RowCount - 1);
        var input = AuditInput.From(ds) with { Scaler = all, Scaled = all.Transform(ds.Features) };
        var report = LeakageAudit.Run(input);
        Assert.True(report.LeakFound);
        Assert.True(Check(report, "scaler_fit_rows").Leak);
        // The seed's own heuristic sees it too: every column has mean 0 and std 1 over all rows.
        Assert.Equal(AuditStatus.Warn, Check(report, "scaled_stats").Status);

        var recovered = LeakageAudit.Run(input with { Scaler = null });
        Assert.True(Check(recovered, "scaler_fit_rows").Leak);
    }

    [Fact]
    public void A_disguised_noisy_future_return_is_caught_by_the_permutation_test_only()
    {
        // The 4-bar future log return with multiplicative noise, under an innocent name: |corr| ≈ 0.89, below the
        // seed's 0.95 threshold, and equal to no future close; only the skill gives it away.
        var frame = RealV2.Value;
        var close = frame.Close;
        var fwd = new double[frame.RowCount];
        var rng = new Random(17);
        for (int r = 0; r < fwd.Length - 4; r++)
            fwd[r] = (Math.Log(close[r + 4]) - Math.Log(close[r])) * (1 + 0.5 * Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble()));
        var leaky = frame.WithColumn("momentum_x", fwd).SelectRows(Enumerable.Range(0, frame.RowCount - 4).ToList());
        var ds = DatasetPipeline.Prepare(leaky, [.. FeatureRegistry.V2.Columns, "momentum_x"], Request(), frame.RowCount + 49);
        var report = LeakageAudit.Run(AuditInput.From(ds));
        var perm = Check(report, "permutation_test");
        Assert.True(perm.Leak, perm.Message);
        Assert.True(report.Checks.Where(c => c.Leak).All(c => c.Name == "permutation_test"), report.ToText());
        Assert.False(Check(report, "exact_shift_matches").Leak);
        Assert.False(Check(report, "very_high_corr_with_future_return").Leak);
        Assert.False(Check(report, "suspicious_feature_names").Leak);
    }

    [Fact]
    public void V1_price_levels_warn_like_the_seed_but_are_not_a_leak()
    {
        var request = new DatasetRequest(FeatureRegistry.V1, new SequenceOptions(32, 1));
        var ds = DatasetPipeline.Prepare(SampleData.Load("ETH_BTC-5m.csv"), request);
        var report = LeakageAudit.Run(AuditInput.From(ds));
        var corr = Check(report, "very_high_corr_with_future_close");
        Assert.Equal(AuditStatus.Warn, corr.Status);
        Assert.False(corr.Leak, corr.Message);
        Assert.False(report.LeakFound, report.ToText());
    }

    [Fact]
    public void Genuine_bid_ask_bounce_skill_warns_but_is_not_a_leak()
    {
        // LTC_BTC 5m (2018) has real next-bar predictability (R² ≈ 0.15): reported, not called a leak.
        var candles = SampleData.Load("LTC_BTC-5m.csv");
        var ds = DatasetPipeline.Prepare(candles, Request(horizon: 1));
        var report = LeakageAudit.Run(AuditInput.From(ds, candles));
        var perm = Check(report, "permutation_test");
        Assert.Equal(AuditStatus.Warn, perm.Status);
        Assert.False(perm.Leak, perm.Message);
        Assert.False(report.LeakFound, report.ToText());
    }

    [Fact]
    public void Features_that_look_ahead_fail_the_recompute_check()
    {
        // A "feature set" whose rows are centred on the candle (uses t+1): the recompute on prefixes exposes it.
        var candles = SampleData.Load("ETH_BTC-5m.csv");
        var ds = DatasetPipeline.Prepare(candles, Request());
        var lookingAhead = new CentredMeanFeatures();
        var input = AuditInput.From(ds, candles) with { Batch = lookingAhead, Features = lookingAhead.Compute(candles).DropIncomplete() };
        var check = Check(LeakageAudit.Run(input), "recompute_on_prefixes");
        Assert.True(check.Leak, check.Message);
        Assert.True(LeakageAudit.Run(input).LeakFound);
    }

    /// <summary>v2 plus a centred 3-bar mean of the close: a deliberate look-ahead for the recompute check.</summary>
    private sealed class CentredMeanFeatures : IBatchFeatures
    {
        public FeatureSet Set => FeatureRegistry.V2;

        public FeatureFrame Compute(ReadOnlySpan<Candle> candles)
        {
            var frame = FeatureRegistry.V2.CreateBatch().Compute(candles);
            var centred = new double[candles.Length];
            for (int t = 0; t < candles.Length; t++)
                centred[t] = t > 0 && t + 1 < candles.Length ? (candles[t - 1].Close + candles[t].Close + candles[t + 1].Close) / 3 : double.NaN;
            return frame.WithColumn("centred_mean_3", centred);
        }
    }

    [Fact]
    public void Suspicious_names_follow_the_seed_list()
    {
        var frame = RealV2.Value;
        var renamed = new FeatureFrame([.. frame.Columns.Take(12), "future_ret", "x_lag"], frame.Timestamps.ToArray(), frame.Close.ToArray(), frame.Values.ToArray());
        var report = LeakageAudit.Run(new AuditInput(renamed, renamed.RowCount, 32, 4));
        var names = Check(report, "suspicious_feature_names");
        Assert.Equal(AuditStatus.Warn, names.Status);
        Assert.True(names.Leak);
        Assert.Contains("future_ret", names.Message);
        Assert.Contains("x_lag", names.Message);
        Assert.Equal(AuditStatus.NotApplicable, Check(report, "scaler_fit_rows").Status);
    }
}
