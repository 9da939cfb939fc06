using System.Collections.Immutable;
using Fibo.Messages.Trading;

namespace Fibo.Actors.Domain.Trading;

/// <summary>One execution as the ledger keeps it (fee in quote units).</summary>
public sealed record LedgerFill(string FillId, decimal Quantity, decimal Price, decimal Fee, long AtMs);

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

    public decimal TotalFee => Fills.Sum(f => f.Fee);

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
