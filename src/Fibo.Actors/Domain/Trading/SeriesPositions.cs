using Fibo.Messages.Primitives;
using Fibo.Messages.Trading;

namespace Fibo.Actors.Domain.Trading;

/// <summary>
/// The wire form of what a series' policy needs from the ledger (<see cref="SeriesPosition"/>) and back: the executor
/// builds it from its ledger, the series entity turns it into the policy's <see cref="PositionView"/> and
/// <see cref="AccountRiskView"/> exactly as <see cref="Ledger.PositionView"/> and <see cref="Ledger.RiskView"/> would.
/// </summary>
public static class SeriesPositions
{
    public static SeriesPosition Of(Ledger ledger, SeriesKey series, long sequence)
    {
        var p = ledger.PositionOf(series);
        return new SeriesPosition(series, ledger.Account, p.Quantity, p.AverageEntryPrice, p.StopLoss, p.TakeProfit,
            ledger.HasPendingOrder(series), ledger.Halted, ledger.HaltReason, ledger.PnlDayStartMs, ledger.PnlDayNet, p.RealizedPnl, p.Fees, sequence,
            ledger.LastIntentOpenTime(series));
    }

    /// <summary>A position the series does not know yet: treated as "order pending", so it neither enters nor exits until told.</summary>
    public static SeriesPosition Unknown(string account, SeriesKey series) =>
        new(series, account, 0, 0, null, null, true, false, null, 0, 0, 0, 0, -1);

    /// <summary>A flat position with nothing pending (a series the account never traded).</summary>
    public static SeriesPosition Flat(string account, SeriesKey series) =>
        new(series, account, 0, 0, null, null, false, false, null, 0, 0, 0, 0, 0);

    public static PositionView View(this SeriesPosition p) => new(p.Quantity, p.AverageEntryPrice, p.StopLoss, p.TakeProfit, p.HasPendingOrder);

    /// <summary>The account's risk at <paramref name="nowMs"/> (the daily PnL resets at 00:00 UTC), as <see cref="Ledger.RiskView"/>.</summary>
    public static AccountRiskView Risk(this SeriesPosition p, long nowMs) =>
        new(p.Halted, p.HaltReason, Ledger.DayStart(nowMs) == p.PnlDayStartMs ? p.PnlDayNet : 0m);
}
