namespace Fibo.Actors.Domain.Trading;

/// <summary>
/// What the policy needs to know about one series' position: the signed quantity (negative = short), its average
/// entry price, the protective levels set at entry, and whether an order for the series is still in flight.
/// </summary>
public readonly record struct PositionView(
    decimal Quantity, decimal AverageEntryPrice, decimal? StopLoss, decimal? TakeProfit, bool HasPendingOrder)
{
    public static PositionView Flat => default;
    public bool IsFlat => Quantity == 0;
    public bool IsLong => Quantity > 0;
    public bool IsShort => Quantity < 0;
}

/// <summary>The account's risk state as the policy sees it: the kill switch and the UTC day's realized PnL net of fees.</summary>
public readonly record struct AccountRiskView(bool Halted, string? HaltReason, decimal DailyNetPnl)
{
    public static AccountRiskView Normal => default;
}
