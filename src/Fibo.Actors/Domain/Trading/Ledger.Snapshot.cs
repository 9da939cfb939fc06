using System.Collections.Immutable;
using Fibo.Messages.Trading;

namespace Fibo.Actors.Domain.Trading;

public sealed partial record Ledger
{
    /// <summary>The state as plain data for a persistence snapshot (orders by sequence, other lists sorted, so equal states give equal snapshots).</summary>
    public LedgerSnapshot ToSnapshot() => new(
        Account,
        OrdersInSequence.Select(o => new OrderSnapshot(o.Intent, o.Paper, o.Sequence, o.Status, o.RecordedAtMs, o.UpdatedAtMs,
            o.BrokerOrderId, o.StatusReason, o.ReconciledAtMs, o.Fills.Select(f => new FillSnapshot(f.FillId, f.Quantity, f.Price, f.Fee, f.AtMs, f.JournaledFeeAsset(o.Intent.Series))).ToArray())).ToArray(),
        Positions.Values.OrderBy(p => p.Series.ToString(), StringComparer.Ordinal).Select(p => new PositionSnapshot(
            p.Series, p.Quantity, p.AverageEntryPrice, p.RealizedPnl, p.Fees, p.StopLoss, p.TakeProfit, p.OpenedAtMs,
            p.TradeEntryQuantity, p.TradeEntryNotional, p.TradeExitQuantity, p.TradeExitNotional, p.TradeRealizedPnl, p.TradeFees)).ToArray(),
        Cash.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => new CashBalance(c.Key, c.Value)).ToArray(),
        FundingIds.Order(StringComparer.Ordinal).ToArray(),
        ClosedTrades.Select(t => new ClosedTradeSnapshot(t.Series, t.Side, t.OpenedAtMs, t.ClosedAtMs, t.Quantity,
            t.AverageEntryPrice, t.AverageExitPrice, t.GrossPnl, t.Fees)).ToArray(),
        RealizedPnl, FeesPaid, PnlDayStartMs, PnlDayNet, Halted, HaltReason, NextSequence,
        Dust.Count == 0 ? null : Dust.OrderBy(d => d.Key.ToString(), StringComparer.Ordinal).Select(d => new DustBalance(d.Key, d.Value)).ToArray());

    /// <summary>Rebuilds the ledger from a snapshot; <paramref name="limits"/> comes from configuration, as in <see cref="Open"/>.</summary>
    public static Ledger FromSnapshot(LedgerSnapshot snapshot, RiskLimits? limits = null)
    {
        var orders = snapshot.Orders.Select(o => new LedgerOrder(o.Intent, o.Paper, o.Sequence, o.Status, o.RecordedAtMs, o.UpdatedAtMs,
            o.BrokerOrderId, o.StatusReason, o.ReconciledAtMs, o.Fills.Select(f => LedgerFill.Of(o.Intent.Series, f.FillId, f.Quantity, f.Price, f.Fee, f.AtMs, f.FeeAsset)).ToImmutableList()))
            .ToList();
        return Open(snapshot.Account, limits) with
        {
            Orders = orders.ToImmutableDictionary(o => o.ClientOrderId),
            OpenOrderIds = orders.Where(o => !o.IsTerminal).Select(o => o.ClientOrderId).ToImmutableSortedSet(),
            Positions = snapshot.Positions.ToImmutableDictionary(p => p.Series, p => new Position(
                p.Series, p.Quantity, p.AverageEntryPrice, p.RealizedPnl, p.Fees, p.StopLoss, p.TakeProfit, p.OpenedAtMs,
                p.TradeEntryQuantity, p.TradeEntryNotional, p.TradeExitQuantity, p.TradeExitNotional, p.TradeRealizedPnl, p.TradeFees)),
            Cash = snapshot.Cash.ToImmutableDictionary(c => c.Asset, c => c.Amount),
            FundingIds = snapshot.FundingIds.ToImmutableHashSet(),
            ClosedTrades = snapshot.ClosedTrades.Select(t => new ClosedTrade(t.Series, t.Side, t.OpenedAtMs, t.ClosedAtMs, t.Quantity,
                t.AverageEntryPrice, t.AverageExitPrice, t.GrossPnl, t.Fees)).ToImmutableList(),
            RealizedPnl = snapshot.RealizedPnl,
            FeesPaid = snapshot.FeesPaid,
            PnlDayStartMs = snapshot.PnlDayStartMs,
            PnlDayNet = snapshot.PnlDayNet,
            Halted = snapshot.Halted,
            HaltReason = snapshot.HaltReason,
            NextSequence = snapshot.NextSequence,
            Dust = (snapshot.Dust ?? []).ToImmutableDictionary(d => d.Series, d => d.Quantity),
            LastIntentOpenTimes = orders.GroupBy(o => o.Intent.Series).ToImmutableDictionary(g => g.Key, g => g.Max(o => o.Intent.CandleOpenTime)),
        };
    }
}
