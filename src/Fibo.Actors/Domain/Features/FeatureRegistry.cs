using Fibo.Actors.Domain.Features.Indicators;
using Fibo.Actors.Domain.Features.V1;
using Fibo.Actors.Domain.Features.V2;

namespace Fibo.Actors.Domain.Features;

/// <summary>
/// The seed's <c>FEATURE_REGISTRY</c> (SEED-SPEC §4.3): the feature sets by name, the default ("v2"), detection of a
/// model's set from its meta feature list, and the compatibility check. The v2 expected list is the real one (the
/// seed registered names v2 never produces).
/// </summary>
public static class FeatureRegistry
{
    public static FeatureSet V1 { get; } = new(
        "v1", "1.0",
        "Technical + Fibonacci features with price levels (39 columns: SMA/EMA, Bollinger, SMA RSI, ATR, raw volatility, " +
        "Fibonacci retracements/extensions and distances, TD setup, returns). Non-stationary; kept for the seed's v1 model.",
        V1Row.Columns, warmUp: IndicatorValues.FibLookback - 1,
        set => new BatchFeatures(set, withLevels: true, V1Row.Write),
        set => new StreamingFeatures(set, withLevels: true, V1Row.Write));

    public static FeatureSet V2 { get; } = new(
        "v2", "2.0",
        "Stationary features (14 columns: log returns, momentum, MA ratio, Bollinger width, SMA RSI, ATR %, raw " +
        "volatility, fib_composite, TD setup). The default set.",
        V2Row.Columns, warmUp: IndicatorValues.FibLookback - 1,
        set => new BatchFeatures(set, withLevels: false, V2Row.Write),
        set => new StreamingFeatures(set, withLevels: false, V2Row.Write));

    /// <summary>Every registered set, in name order.</summary>
    public static IReadOnlyList<FeatureSet> All { get; } = [V1, V2];

    /// <summary>The seed's default active system.</summary>
    public static FeatureSet Default => V2;

    public static bool TryGet(string? name, out FeatureSet set)
    {
        set = All.FirstOrDefault(s => string.Equals(s.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase))!;
        return set is not null;
    }

    /// <summary>The set by name; unknown names fail with the seed's message.</summary>
    public static FeatureSet Get(string name) =>
        TryGet(name, out var set)
            ? set
            : throw new InputException($"System '{name}' not found. Available systems: [{string.Join(", ", All.Select(s => $"'{s.Name}'"))}]");

    /// <summary>
    /// The set a model's meta <c>feature_cols</c> belongs to. An exact ordered match wins; otherwise the seed's
    /// heuristic (n ≥ 35 and a v1 marker → v1; 10 ≤ n ≤ 20 and a v2 marker → v2), with v2's real columns as markers
    /// next to the seed's (which v2 never produced); null when nothing fits.
    /// </summary>
    public static FeatureSet? Detect(IReadOnlyList<string> featureColumns)
    {
        foreach (var set in All)
            if (set.Columns.SequenceEqual(featureColumns, StringComparer.Ordinal)) return set;
        int n = featureColumns.Count;
        var names = featureColumns.ToHashSet(StringComparer.Ordinal);
        if (n >= 35 && V1Markers.Any(names.Contains)) return V1;
        if (n >= 10 && n <= 20 && V2Markers.Any(names.Contains)) return V2;
        return null;
    }

    private static readonly string[] V1Markers = ["fib_r_236", "fibext_1272", "bb_m", "log_close"];

    // The seed's markers (sma_ratio_5, ema_ratio_5, bb_position, atr_pct) plus the columns only v2 produces.
    private static readonly string[] V2Markers =
        ["sma_ratio_5", "ema_ratio_5", "bb_position", "atr_pct", "momentum_10", "log_ret_accel", "ma_ratio_20", "bb_std_pct", "fib_composite"];

    /// <summary>
    /// The seed's <c>validate_feature_compatibility</c>: ok when every column the model needs is produced by the set;
    /// the missing names sorted.
    /// </summary>
    public static (bool Ok, IReadOnlyList<string> Missing) ValidateCompatibility(IReadOnlyList<string> modelColumns, FeatureSet set)
    {
        var missing = modelColumns.Where(c => set.IndexOf(c) < 0).Distinct().OrderBy(c => c, StringComparer.Ordinal).ToList();
        return (missing.Count == 0, missing);
    }
}
