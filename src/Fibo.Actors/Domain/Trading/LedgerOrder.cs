using System.Collections.Immutable;
using Fibo.Messages.Primitives;
using Fibo.Messages.Trading;

namespace Fibo.Actors.Domain.Trading;

/// <summary>
/// One execution as the ledger keeps it. <see cref="Fee"/> is what the exchange charged, in <see cref="FeeAsset"/>;
/// <see cref="QuoteFee"/> is its value in the quote asset (a base-asset fee at the fill price; 0 for a third asset such
/// as BNB, which the ledger cannot value), the figure every PnL and fee total uses.
/// </summary>
public sealed record LedgerFill(string FillId, decimal Quantity, decimal Price, decimal Fee, long AtMs, string FeeAsset, decimal QuoteFee)
{
    /// <summary>A fill of <paramref name="series"/>; a null <paramref name="feeAsset"/> is the quote asset (older events, the paper broker).</summary>
    public static LedgerFill Of(SeriesKey series, string fillId, decimal quantity, decimal price, decimal fee, long atMs, string? feeAsset)
    {
        var quote = Ledger.QuoteAsset(series);
        var asset = string.IsNullOrEmpty(feeAsset) ? quote : feeAsset;
        var quoteFee = asset == quote ? fee : asset == series.Symbol.Base ? fee * price : 0m;
        return new LedgerFill(fillId, quantity, price, fee, atMs, asset, quoteFee);
    }

    /// <summary>The fee's asset as journaled: null when it is the quote asset, so quote-fee events read as they always did.</summary>
    public string? JournaledFeeAsset(SeriesKey series) => FeeAsset == Ledger.QuoteAsset(series) ? null : FeeAsset;
}

/// <summary>
/// One order in the ledger: its intent, where it is in the state machine
/// (Recorded → Submitted → [Unknown ↔] Acknowledged → PartiallyFilled → Filled | Rejected | Cancelled) and its fills.
/// </summary>
public sealed record LedgerOrder(
    OrderIntent Intent,
    bool Paper,
    long Sequence,
    OrderStatus Status,
    long RecordedAtMs,
    long UpdatedAtMs,
    string? BrokerOrderId,
    string? StatusReason,
    long? ReconciledAtMs,
    ImmutableList<LedgerFill> Fills)
{
    public string ClientOrderId => Intent.ClientOrderId;

    public bool IsTerminal => IsTerminalStatus(Status);

    public static bool IsTerminalStatus(OrderStatus s) => s is OrderStatus.Filled or OrderStatus.Rejected or OrderStatus.Cancelled;

    public decimal FilledQuantity => Fills.Sum(f => f.Quantity);

    /// <summary>Fees in quote units (see <see cref="LedgerFill.QuoteFee"/>).</summary>
    public decimal TotalFee => Fills.Sum(f => f.QuoteFee);

    /// <summary>Quantity-weighted average fill price, or null before the first fill.</summary>
    public decimal? AverageFillPrice
    {
        get
        {
            if (Fills.Count == 1) return Fills[0].Price;
            var q = FilledQuantity;
            return q == 0 ? null : Fills.Sum(f => f.Quantity * f.Price) / q;
        }
    }

    public bool HasFill(string fillId) => Fills.Exists(f => f.FillId == fillId);
}
