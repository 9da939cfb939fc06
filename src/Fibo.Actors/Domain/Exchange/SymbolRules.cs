using System.Globalization;

namespace Fibo.Actors.Domain.Exchange;

/// <summary>Which way to round a limit price onto the tick grid (a buyer never pays more, a seller never takes less).</summary>
public enum PriceRounding { Down, Up }

/// <summary>Binance LOT_SIZE / MARKET_LOT_SIZE: quantity in [min, max] and on the grid minQty + k·stepSize (step 0: no grid).</summary>
public sealed record LotSizeRule(decimal MinQty, decimal MaxQty, decimal StepSize);

/// <summary>Binance PRICE_FILTER: price in [min, max] and on the grid minPrice + k·tickSize; a 0 disables that part.</summary>
public sealed record PriceRule(decimal MinPrice, decimal MaxPrice, decimal TickSize);

/// <summary>
/// Binance NOTIONAL (or the older MIN_NOTIONAL): price × quantity ≥ min (and ≤ max when set). For market orders each
/// bound applies only when its <c>apply…ToMarket</c> flag says so, using a reference price (Binance: the average price).
/// </summary>
public sealed record NotionalRule(decimal MinNotional, bool ApplyMinToMarket, decimal? MaxNotional, bool ApplyMaxToMarket);

/// <summary>An order after the symbol's rules: what to send, or why it cannot be sent.</summary>
public sealed record PreparedOrder(decimal Quantity, decimal? Price, string? RefusalReason, string? FailedFilter)
{
    public bool IsAccepted => RefusalReason is null;
}

/// <summary>
/// One symbol's trading rules from <c>exchangeInfo</c>. <see cref="Prepare"/> fits an order to them before it is sent
/// (quantity rounded down to the step, price rounded to the tick) and refuses what the exchange would refuse, with a
/// reason a person can act on; <see cref="Check"/> is the exchange's side of the same rules (the simulator uses it), so
/// both sides cannot drift apart.
/// </summary>
public sealed record SymbolRules(string Symbol, LotSizeRule? LotSize, LotSizeRule? MarketLotSize, PriceRule? Price, NotionalRule? Notional)
{
    /// <summary>
    /// Rounds <paramref name="quantity"/> down to the lot step and, for a limit order, <paramref name="limitPrice"/> to
    /// the tick in <paramref name="rounding"/>'s direction; then checks every rule. <paramref name="referencePrice"/> is
    /// the price a market order's notional is judged at.
    /// </summary>
    public PreparedOrder Prepare(bool isMarket, decimal quantity, decimal? limitPrice, decimal referencePrice, PriceRounding rounding = PriceRounding.Down)
    {
        if (quantity <= 0) return Refuse(quantity, limitPrice, $"quantity {Text(quantity)} must be positive", "LOT_SIZE");
        if (!isMarket && limitPrice is not > 0) return Refuse(quantity, limitPrice, $"a limit order needs a positive price, got {Text(limitPrice)}", "PRICE_FILTER");

        decimal q = quantity;
        foreach (var lot in Lots(isMarket)) q = RoundDown(q, lot);
        decimal? p = isMarket ? null : RoundPrice(limitPrice!.Value, rounding);

        var failure = Check(isMarket, q, p, referencePrice);
        return failure is null
            ? new PreparedOrder(q, p, null, null)
            : Refuse(q, p, failure.Value.Reason + (q != quantity ? $" (after rounding {Text(quantity)} down to the step)" : ""), failure.Value.Filter);
    }

    /// <summary>The first rule the order breaks (Binance's filter name and a reason), or null when it passes.</summary>
    public (string Filter, string Reason)? Check(bool isMarket, decimal quantity, decimal? price, decimal referencePrice)
    {
        foreach (var lot in Lots(isMarket))
        {
            string name = ReferenceEquals(lot, MarketLotSize) ? "MARKET_LOT_SIZE" : "LOT_SIZE";
            if (quantity < lot.MinQty) return (name, $"quantity {Text(quantity)} is below the minimum {Text(lot.MinQty)} of {Symbol} ({name})");
            if (lot.MaxQty > 0 && quantity > lot.MaxQty) return (name, $"quantity {Text(quantity)} is above the maximum {Text(lot.MaxQty)} of {Symbol} ({name})");
            if (lot.StepSize > 0 && (quantity - lot.MinQty) % lot.StepSize != 0)
                return (name, $"quantity {Text(quantity)} is not a multiple of the step {Text(lot.StepSize)} of {Symbol} ({name})");
        }
        if (!isMarket && price is { } p && Price is { } pr)
        {
            if (pr.MinPrice > 0 && p < pr.MinPrice) return ("PRICE_FILTER", $"price {Text(p)} is below the minimum {Text(pr.MinPrice)} of {Symbol} (PRICE_FILTER)");
            if (pr.MaxPrice > 0 && p > pr.MaxPrice) return ("PRICE_FILTER", $"price {Text(p)} is above the maximum {Text(pr.MaxPrice)} of {Symbol} (PRICE_FILTER)");
            if (pr.TickSize > 0 && (p - pr.MinPrice) % pr.TickSize != 0)
                return ("PRICE_FILTER", $"price {Text(p)} is not a multiple of the tick {Text(pr.TickSize)} of {Symbol} (PRICE_FILTER)");
        }
        if (Notional is { } n)
        {
            decimal at = isMarket ? referencePrice : price ?? referencePrice;
            decimal notional = at * quantity;
            if ((!isMarket || n.ApplyMinToMarket) && notional < n.MinNotional)
                return ("NOTIONAL", $"order value {Text(notional)} (quantity {Text(quantity)} × price {Text(at)}) is below the minimum notional {Text(n.MinNotional)} of {Symbol} (NOTIONAL)");
            if (n.MaxNotional is { } max && max > 0 && (!isMarket || n.ApplyMaxToMarket) && notional > max)
                return ("NOTIONAL", $"order value {Text(notional)} is above the maximum notional {Text(max)} of {Symbol} (NOTIONAL)");
        }
        return null;
    }

    /// <summary><paramref name="price"/> on the tick grid, rounded in the given direction (unchanged without a tick).</summary>
    public decimal RoundPrice(decimal price, PriceRounding rounding)
    {
        if (Price is not { TickSize: > 0 } pr) return price;
        decimal steps = (price - pr.MinPrice) / pr.TickSize;
        steps = rounding == PriceRounding.Down ? decimal.Floor(steps) : decimal.Ceiling(steps);
        return Normalize(pr.MinPrice + steps * pr.TickSize);
    }

    private IEnumerable<LotSizeRule> Lots(bool isMarket)
    {
        if (LotSize is not null) yield return LotSize;
        if (isMarket && MarketLotSize is not null && (MarketLotSize.StepSize > 0 || MarketLotSize.MinQty > 0 || MarketLotSize.MaxQty > 0))
            yield return MarketLotSize;
    }

    private static decimal RoundDown(decimal quantity, LotSizeRule lot)
    {
        if (lot.StepSize <= 0 || quantity < lot.MinQty) return quantity;
        decimal steps = decimal.Floor((quantity - lot.MinQty) / lot.StepSize);
        return Normalize(lot.MinQty + steps * lot.StepSize);
    }

    private static PreparedOrder Refuse(decimal q, decimal? p, string reason, string filter) => new(q, p, reason, filter);

    /// <summary>Drops trailing zeros of the scale so 0.10000 prints as 0.1 and compares cleanly.</summary>
    private static decimal Normalize(decimal d) => d / 1.000000000000000000000000000000000m;

    private static string Text(decimal? d) => d is { } v ? Normalize(v).ToString(CultureInfo.InvariantCulture) : "none";
}
