using Fibo.Actors.Domain.Trading;
using Fibo.Messages.Primitives;
using Fibo.Messages.Trading;
using Fibo.Node.Http.Contracts;

namespace Fibo.Node.Http.Trading;

/// <summary>An executor's <see cref="LedgerSnapshot"/> → <see cref="LedgerView"/>, with the domain ledger's own PnL and equity rules.</summary>
internal static class LedgerViews
{
    /// <param name="marks">The price to mark each open position at (its series' last close), when known.</param>
    public static LedgerView From(LedgerSnapshot snapshot, ExecutorStatus executor, IReadOnlyDictionary<SeriesKey, decimal> marks)
    {
        var ledger = Ledger.FromSnapshot(snapshot);
        decimal? Mark(SeriesKey s) => marks.TryGetValue(s, out var m) ? m : null;
        var assets = ledger.Cash.Keys.Concat(ledger.Positions.Keys.Select(Ledger.QuoteAsset)).Distinct().Order(StringComparer.Ordinal);
        return new LedgerView(
            ledger.Account,
            new ExecutorView(executor.State.ToString(), executor.Broker, executor.Paper, executor.LastSequenceNr, executor.LastFailure),
            ledger.Halted,
            ledger.HaltReason,
            ledger.RealizedPnl,
            ledger.FeesPaid,
            ledger.NetRealizedPnl,
            ledger.UnrealizedPnl(Mark),
            assets.Select(a => new EquityView(a, ledger.Equity(a, Mark))).ToList(),
            ledger.OpenOrderIds.Count,
            ledger.ClosedTrades.Count,
            ledger.Cash.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => new CashView(c.Key, c.Value)).ToList(),
            ledger.Positions.Values
                .Where(p => !p.IsFlat || p.RealizedPnl != 0)
                .OrderBy(p => p.Series.ToString(), StringComparer.Ordinal)
                .Select(p => new LedgerPositionView(p.Series.ToString(), p.Quantity, p.AverageEntryPrice, p.RealizedPnl, p.Fees,
                    Mark(p.Series), p.IsFlat ? 0m : Mark(p.Series) is { } m ? p.UnrealizedPnl(m) : null))
                .ToList(),
            ledger.OrdersInSequence.Select(Order).ToList(),
            ledger.Dust.OrderBy(d => d.Key.ToString(), StringComparer.Ordinal).Select(d => new DustView(d.Key.ToString(), d.Value)).ToList());
    }

    private static LedgerOrderView Order(LedgerOrder o) => new(
        o.ClientOrderId,
        o.Intent.Series.ToString(),
        o.Intent.Side.ToString(),
        o.Intent.Purpose.ToString(),
        o.Intent.Quantity,
        o.FilledQuantity,
        o.Status.ToString(),
        o.AverageFillPrice,
        o.TotalFee,
        o.Intent.CandleOpenTime,
        o.RecordedAtMs,
        o.UpdatedAtMs,
        o.StatusReason,
        o.Paper,
        o.Fills.Select(f => new LedgerFillView(f.FillId, f.Quantity, f.Price, f.Fee, f.FeeAsset, f.QuoteFee, f.AtMs)).ToList());
}
