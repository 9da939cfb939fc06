using Fibo.Actors.Domain.Exchange;
using Fibo.Messages.Trading;

namespace Fibo.Actors.Domain.Trading;

/// <summary>What sizing made of an intent: the intent to record, or why none (and whether the position is dust).</summary>
/// <param name="Intent">The intent fitted to the rules (quantity on the lot grid), or null when nothing may be sent.</param>
/// <param name="Refusal">Why nothing may be sent: the filter and the numbers.</param>
/// <param name="PositionIsDust">An exit of the whole position breaks the filters: the position cannot be sold and is dust.</param>
public sealed record SizedIntent(OrderIntent? Intent, string? Refusal, bool PositionIsDust)
{
    public bool IsAccepted => Intent is not null;
}

/// <summary>
/// Fits an intent to the symbol's trading rules BEFORE it is recorded (pure): the quantity is rounded down to the LOT_SIZE
/// step, and an order under minQty or the minimum notional (judged at the decision's close) is refused. So the ledger
/// records exactly what the broker will send, and "filled less than the intent" stays a real anomaly. An exit that cannot
/// be sent at all means the whole position is dust; <see cref="DustAfterFill"/> finds the remainder an exit left behind.
/// </summary>
public static class OrderSizing
{
    public static SizedIntent Fit(OrderIntent intent, SymbolRules rules, Position position)
    {
        var quantity = intent.Quantity;
        if (intent.Purpose == OrderPurpose.Exit) quantity = Math.Min(quantity, Math.Abs(position.Quantity));
        var prepared = rules.Prepare(isMarket: true, quantity, null, intent.ReferencePrice);
        // An intent already on the grid is kept as it is (same value, same decimal scale).
        if (prepared.IsAccepted) return new SizedIntent(prepared.Quantity == intent.Quantity ? intent : intent with { Quantity = prepared.Quantity }, null, false);
        var dust = intent.Purpose == OrderPurpose.Exit && !position.IsFlat && quantity == Math.Abs(position.Quantity);
        var what = intent.Purpose == OrderPurpose.Exit ? $"exit of {intent.Series}" : $"entry of {intent.Series}";
        return new SizedIntent(null, $"{what} not sent: {prepared.RefusalReason}", dust);
    }

    /// <summary>True when a market order for <paramref name="quantity"/> (absolute) at <paramref name="price"/> breaks the rules: it cannot be sold.</summary>
    public static bool IsDust(SymbolRules rules, decimal quantity, decimal price) =>
        quantity != 0 && !rules.Prepare(isMarket: true, Math.Abs(quantity), null, price).IsAccepted;

    /// <summary>
    /// After an exit order of <paramref name="order"/>'s series ended: the sweep of what it left, when that remainder
    /// cannot be sold (the lot-step rounding of a position a base-asset fee made uneven), else null.
    /// </summary>
    public static SweepDust? DustAfterFill(Ledger ledger, LedgerOrder order, SymbolRules rules, long atMs)
    {
        if (order.Intent.Purpose != OrderPurpose.Exit || !order.IsTerminal || order.Fills.Count == 0) return null;
        var series = order.Intent.Series;
        var position = ledger.PositionOf(series);
        if (position.IsFlat || ledger.HasPendingOrder(series)) return null;
        var price = order.AverageFillPrice ?? order.Intent.ReferencePrice;
        if (!IsDust(rules, position.Quantity, price)) return null;
        return new SweepDust(ledger.Account, series, position.Quantity,
            $"{position.Quantity} left after exit {order.ClientOrderId} is below what {series.Symbol.Exchange} lets an order trade", atMs);
    }
}
