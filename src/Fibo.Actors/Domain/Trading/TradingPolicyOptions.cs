namespace Fibo.Actors.Domain.Trading;

/// <summary>
/// Every number of the trading policy. Defaults are the seed's rule (SEED-SPEC §7.4): trade when
/// |pred| &gt; 0.0005, size = 10,000 · 1 % / price; plus the port's fixes, all off or permissive by default except
/// the ones that only remove the seed's bugs (one decision per candle, no repeat buys, exit on the opposite signal,
/// no decision on stale data, long only).
/// </summary>
public sealed record TradingPolicyOptions
{
    /// <summary>Trade only when |predicted return| is strictly greater than this.</summary>
    public double Threshold { get; init; } = 0.0005;

    /// <summary>Equity the size is a fraction of (quote units). The seed's constant, not the ledger's cash.</summary>
    public decimal Equity { get; init; } = 10_000m;

    /// <summary>Fraction of <see cref="Equity"/> per entry (seed sizing).</summary>
    public decimal PositionPct { get; init; } = 0.01m;

    /// <summary>Quantities are rounded down to a multiple of this (Binance LOT_SIZE stepSize; 1e-8 is the base precision).</summary>
    public decimal QuantityStep { get; init; } = 0.00000001m;

    /// <summary>An entry below this quantity (after rounding) is skipped rather than rounded up as the seed did.</summary>
    public decimal MinQuantity { get; init; } = 0.00000001m;

    /// <summary>Close an open position when the signal crosses the threshold the other way.</summary>
    public bool ExitOnOppositeSignal { get; init; } = true;

    /// <summary>When set, size entries from the volatility head instead of the fixed <see cref="PositionPct"/>.</summary>
    public VolatilitySizingOptions? VolatilitySizing { get; init; }

    /// <summary>Stop-loss distance in predicted sigmas below (long) or above (short) the entry price; null = none.</summary>
    public double? StopLossSigmas { get; init; }

    /// <summary>Take-profit distance in predicted sigmas; null = none.</summary>
    public double? TakeProfitSigmas { get; init; }

    /// <summary>No decision on a candle that closed more than this many periods before "now"; null disables the guard.</summary>
    public int? StaleAfterPeriods { get; init; } = 2;

    public RiskLimits Risk { get; init; } = new();

    /// <summary>Throws <see cref="InputException"/> naming the first bad option and its fix.</summary>
    public TradingPolicyOptions Validate()
    {
        static void Require(bool ok, string name, object? value, string fix)
        {
            if (!ok) throw new InputException($"trading option {name} = {value} is invalid: {fix}");
        }
        Require(double.IsFinite(Threshold) && Threshold >= 0, nameof(Threshold), Threshold, "use a non-negative number such as 0.0005");
        Require(Equity > 0, nameof(Equity), Equity, "use a positive amount of quote currency such as 10000");
        Require(PositionPct > 0 && PositionPct <= 1, nameof(PositionPct), PositionPct, "use a fraction in (0, 1] such as 0.01");
        Require(QuantityStep > 0, nameof(QuantityStep), QuantityStep, "use a positive step such as 0.00000001");
        Require(MinQuantity >= 0, nameof(MinQuantity), MinQuantity, "use zero or a positive quantity");
        Require(StopLossSigmas is null || (double.IsFinite(StopLossSigmas.Value) && StopLossSigmas > 0), nameof(StopLossSigmas), StopLossSigmas, "use a positive number of sigmas or leave it unset");
        Require(TakeProfitSigmas is null || (double.IsFinite(TakeProfitSigmas.Value) && TakeProfitSigmas > 0), nameof(TakeProfitSigmas), TakeProfitSigmas, "use a positive number of sigmas or leave it unset");
        Require(StaleAfterPeriods is null || StaleAfterPeriods >= 0, nameof(StaleAfterPeriods), StaleAfterPeriods, "use 0 or more periods, or leave it unset to disable");
        VolatilitySizing?.Validate();
        Risk.Validate();
        return this;
    }
}

/// <summary>
/// Volatility-scaled entries: notional = Equity · <see cref="RiskPerTrade"/> / σ̂ (so a 1σ move costs about
/// RiskPerTrade of equity), capped at Equity · <see cref="MaxPositionPct"/>; σ̂ is floored at <see cref="MinVolatility"/>.
/// Without a usable σ̂ the seed sizing applies.
/// </summary>
public sealed record VolatilitySizingOptions
{
    public decimal RiskPerTrade { get; init; } = 0.0001m;
    public decimal MaxPositionPct { get; init; } = 0.05m;
    public double MinVolatility { get; init; } = 1e-4;

    public void Validate()
    {
        if (RiskPerTrade <= 0 || RiskPerTrade > 1)
            throw new InputException($"trading option VolatilitySizing.RiskPerTrade = {RiskPerTrade} is invalid: use a fraction in (0, 1] such as 0.0001");
        if (MaxPositionPct <= 0 || MaxPositionPct > 1)
            throw new InputException($"trading option VolatilitySizing.MaxPositionPct = {MaxPositionPct} is invalid: use a fraction in (0, 1] such as 0.05");
        if (!double.IsFinite(MinVolatility) || MinVolatility <= 0)
            throw new InputException($"trading option VolatilitySizing.MinVolatility = {MinVolatility} is invalid: use a small positive number such as 0.0001");
    }
}

/// <summary>
/// Account limits, checked by the policy (so it does not ask) and again by the ledger (so nothing slips through).
/// </summary>
public sealed record RiskLimits
{
    /// <summary>Largest notional (quantity · price, quote units) of one series' position; entries are capped to it.</summary>
    public decimal? MaxPositionNotional { get; init; }

    /// <summary>When the UTC day's realized PnL net of fees reaches −this, only exits are allowed until the next day.</summary>
    public decimal? DailyLossLimit { get; init; }

    /// <summary>Allow selling without a position. Spot cannot short, so keep it false unless the broker is margin or futures.</summary>
    public bool AllowShort { get; init; }

    public void Validate()
    {
        if (MaxPositionNotional is <= 0)
            throw new InputException($"trading option Risk.MaxPositionNotional = {MaxPositionNotional} is invalid: use a positive quote amount or leave it unset");
        if (DailyLossLimit is <= 0)
            throw new InputException($"trading option Risk.DailyLossLimit = {DailyLossLimit} is invalid: use a positive quote amount (the loss allowed per UTC day) or leave it unset");
    }
}
