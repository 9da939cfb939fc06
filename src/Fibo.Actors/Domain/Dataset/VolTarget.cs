namespace Fibo.Actors.Domain.Dataset;

/// <summary>How the volatility target y_vol of a window is defined from the h future one-bar log returns.</summary>
public enum VolTarget
{
    /// <summary>
    /// The seed's <c>create_sequences_from_df</c>: population std (ddof 0) of r_{t0+1} … r_{t0+h}. Degenerate for
    /// h = 1 (always 0, SEED-SPEC §12 A4). The default, for parity with the seed's models.
    /// </summary>
    SeedPerBarStd,

    /// <summary>
    /// Realised per-bar volatility: sqrt(mean(r²)) over the h future returns (no mean subtracted), which is |r_{t0+1}|
    /// for h = 1 and never degenerate. The h-bar σ is this × √h (= sqrt(Σ r²), the realised-variance estimator), so
    /// targets and confidence intervals can use one definition.
    /// </summary>
    RealizedPerBarRms,
}

/// <summary>What to do with windows that would span a gap in the candle times.</summary>
public enum GapPolicy
{
    /// <summary>Split the series at every gap and build windows inside the contiguous segments only (the port's rule).</summary>
    Split,

    /// <summary>The seed: count the gaps (a warning) but build windows across them.</summary>
    WarnOnly,
}
