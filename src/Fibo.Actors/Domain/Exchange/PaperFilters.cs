using Fibo.Messages.Primitives;

namespace Fibo.Actors.Domain.Exchange;

/// <summary>
/// Trading rules a paper broker and the backtester apply to every symbol, so paper trading sizes orders like an
/// exchange would (LOT_SIZE step and minimum, minimum notional). The defaults restrict nothing beyond Binance's
/// 8-decimal base precision, which is how paper trading always behaved.
/// </summary>
public sealed record PaperFilters
{
    /// <summary>Quantities are multiples of this (LOT_SIZE stepSize); 0 = no grid.</summary>
    public decimal StepSize { get; init; } = 0.00000001m;

    /// <summary>Smallest quantity an order may have (LOT_SIZE minQty).</summary>
    public decimal MinQty { get; init; }

    /// <summary>Smallest order value in the quote asset (NOTIONAL minNotional, judged at the decision's close).</summary>
    public decimal MinNotional { get; init; }

    public static PaperFilters None => new();

    public SymbolRules RulesFor(Symbol symbol) => new(symbol.Exchange,
        new LotSizeRule(MinQty, 0m, StepSize), null, null, MinNotional > 0 ? new NotionalRule(MinNotional, true, null, false) : null);

    /// <summary>Throws <see cref="InputException"/> naming the bad value and the fix.</summary>
    public PaperFilters Validate(string prefix = "paper filters")
    {
        if (StepSize < 0) throw new InputException($"{prefix}: StepSize = {StepSize} is invalid: use 0 (no grid) or a positive step such as 0.0001");
        if (MinQty < 0) throw new InputException($"{prefix}: MinQty = {MinQty} is invalid: use 0 or a positive quantity");
        if (MinNotional < 0) throw new InputException($"{prefix}: MinNotional = {MinNotional} is invalid: use 0 or a positive quote amount");
        return this;
    }
}
