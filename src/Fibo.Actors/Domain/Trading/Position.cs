using Fibo.Messages.Primitives;
using Fibo.Messages.Trading;

namespace Fibo.Actors.Domain.Trading;

/// <summary>A round trip: from a flat position to an open one and back to flat. <see cref="NetPnl"/> is after both fees.</summary>
public sealed record ClosedTrade(
    SeriesKey Series,
    OrderSide Side,
    long OpenedAtMs,
    long ClosedAtMs,
    decimal Quantity,
    decimal AverageEntryPrice,
    decimal AverageExitPrice,
    decimal GrossPnl,
    decimal Fees)
{
    public decimal NetPnl => GrossPnl - Fees;
}

/// <summary>
/// One series' position on average-cost accounting. <see cref="Quantity"/> is signed (negative = short).
/// The Trade* fields accumulate the round trip in progress so that closing it yields a <see cref="ClosedTrade"/>.
/// </summary>
public sealed record Position(
    SeriesKey Series,
    decimal Quantity,
    decimal AverageEntryPrice,
    decimal RealizedPnl,
    decimal Fees,
    decimal? StopLoss,
    decimal? TakeProfit,
    long OpenedAtMs,
    decimal TradeEntryQuantity,
    decimal TradeEntryNotional,
    decimal TradeExitQuantity,
    decimal TradeExitNotional,
    decimal TradeRealizedPnl,
    decimal TradeFees)
{
    public static Position Flat(SeriesKey series) => new(series, 0, 0, 0, 0, null, null, 0, 0, 0, 0, 0, 0, 0);

    public bool IsFlat => Quantity == 0;

    public decimal UnrealizedPnl(decimal markPrice) => Quantity * (markPrice - AverageEntryPrice);

    public PositionView View(bool hasPendingOrder) => new(Quantity, AverageEntryPrice, StopLoss, TakeProfit, hasPendingOrder);

    /// <summary>
    /// Applies one fill. Returns the new position, the gross realized PnL of the part that closed exposure, and the
    /// round trip it completed (if it brought the position back to zero or through it).
    /// </summary>
    public (Position Position, decimal Realized, ClosedTrade? Closed) Apply(
        OrderSide side, decimal quantity, decimal price, decimal fee, long atMs, decimal? stopLoss, decimal? takeProfit)
    {
        var signed = side == OrderSide.Buy ? quantity : -quantity;
        if (Quantity == 0) return (Open(signed, price, fee, atMs, stopLoss, takeProfit), 0, null);

        if (Math.Sign(Quantity) == Math.Sign(signed))
        {
            var abs = Math.Abs(Quantity);
            var avg = (abs * AverageEntryPrice + quantity * price) / (abs + quantity);
            return (this with
            {
                Quantity = Quantity + signed,
                AverageEntryPrice = avg,
                Fees = Fees + fee,
                TradeEntryQuantity = TradeEntryQuantity + quantity,
                TradeEntryNotional = TradeEntryNotional + quantity * price,
                TradeFees = TradeFees + fee,
            }, 0, null);
        }

        // Reduces (and maybe reverses) the position: realize on the closing part, split the fee pro rata.
        var closing = Math.Min(quantity, Math.Abs(Quantity));
        var closingFee = closing == quantity ? fee : fee * closing / quantity;
        var realized = (price - AverageEntryPrice) * closing * Math.Sign(Quantity);
        var reduced = this with
        {
            Quantity = Quantity + Math.Sign(signed) * closing,
            RealizedPnl = RealizedPnl + realized,
            Fees = Fees + closingFee,
            TradeExitQuantity = TradeExitQuantity + closing,
            TradeExitNotional = TradeExitNotional + closing * price,
            TradeRealizedPnl = TradeRealizedPnl + realized,
            TradeFees = TradeFees + closingFee,
        };
        if (reduced.Quantity != 0) return (reduced, realized, null);

        var closed = new ClosedTrade(
            Series, Quantity > 0 ? OrderSide.Buy : OrderSide.Sell, OpenedAtMs, atMs, reduced.TradeEntryQuantity,
            reduced.TradeEntryNotional / reduced.TradeEntryQuantity, reduced.TradeExitNotional / reduced.TradeExitQuantity,
            reduced.TradeRealizedPnl, reduced.TradeFees);
        var flat = Flat(Series) with { RealizedPnl = reduced.RealizedPnl, Fees = reduced.Fees };
        var rest = quantity - closing;
        if (rest == 0) return (flat, realized, closed);
        var reopened = flat.Open(Math.Sign(signed) * rest, price, fee - closingFee, atMs, stopLoss, takeProfit);
        return (reopened, realized, closed);
    }

    /// <summary>
    /// Ends the round trip in progress with what is left of the position treated as dust (too small to sell): the trade
    /// closes with what was realized on the part sold so far, and the position is flat with its totals kept.
    /// </summary>
    public (Position Flat, ClosedTrade? Closed) SweepToDust(long atMs)
    {
        if (IsFlat) return (this, null);
        var flat = Flat(Series) with { RealizedPnl = RealizedPnl, Fees = Fees };
        if (TradeEntryQuantity == 0) return (flat, null);
        var exit = TradeExitQuantity > 0 ? TradeExitNotional / TradeExitQuantity : AverageEntryPrice;
        var closed = new ClosedTrade(Series, Quantity > 0 ? OrderSide.Buy : OrderSide.Sell, OpenedAtMs, atMs, TradeEntryQuantity,
            TradeEntryNotional / TradeEntryQuantity, exit, TradeRealizedPnl, TradeFees);
        return (flat, closed);
    }

    private Position Open(decimal signed, decimal price, decimal fee, long atMs, decimal? stopLoss, decimal? takeProfit) =>
        this with
        {
            Quantity = signed,
            AverageEntryPrice = price,
            Fees = Fees + fee,
            StopLoss = stopLoss,
            TakeProfit = takeProfit,
            OpenedAtMs = atMs,
            TradeEntryQuantity = Math.Abs(signed),
            TradeEntryNotional = Math.Abs(signed) * price,
            TradeExitQuantity = 0,
            TradeExitNotional = 0,
            TradeRealizedPnl = 0,
            TradeFees = fee,
        };
}
