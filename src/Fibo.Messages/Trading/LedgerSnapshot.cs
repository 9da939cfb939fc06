using Fibo.Messages.Primitives;
using Fibo.Messages.Serialization;

namespace Fibo.Messages.Trading;

/// <summary>
/// The whole state of one account's ledger, for the executor's persistence snapshots (recovery then replays only the
/// events after it). Plain data: the domain <c>Ledger</c> converts to and from it.
/// </summary>
[MessageManifest("ledger-snapshot.v1")]
public sealed record LedgerSnapshot(
    string Account,
    IReadOnlyList<OrderSnapshot> Orders,
    IReadOnlyList<PositionSnapshot> Positions,
    IReadOnlyList<CashBalance> Cash,
    IReadOnlyList<string> FundingIds,
    IReadOnlyList<ClosedTradeSnapshot> ClosedTrades,
    decimal RealizedPnl,
    decimal FeesPaid,
    long PnlDayStartMs,
    decimal PnlDayNet,
    bool Halted,
    string? HaltReason,
    long NextSequence,
    IReadOnlyList<DustBalance>? Dust = null) : IFiboMessage
{
    public bool Equals(LedgerSnapshot? other) =>
        other is not null && Account == other.Account && Orders.SequenceEqual(other.Orders) && Positions.SequenceEqual(other.Positions) &&
        Cash.SequenceEqual(other.Cash) && FundingIds.SequenceEqual(other.FundingIds) && ClosedTrades.SequenceEqual(other.ClosedTrades) &&
        RealizedPnl == other.RealizedPnl && FeesPaid == other.FeesPaid && PnlDayStartMs == other.PnlDayStartMs &&
        PnlDayNet == other.PnlDayNet && Halted == other.Halted && HaltReason == other.HaltReason && NextSequence == other.NextSequence &&
        (Dust ?? []).SequenceEqual(other.Dust ?? []);

    public override int GetHashCode() => HashCode.Combine(Account, Orders.Count, RealizedPnl, NextSequence);
}

public sealed record OrderSnapshot(
    OrderIntent Intent,
    bool Paper,
    long Sequence,
    OrderStatus Status,
    long RecordedAtMs,
    long UpdatedAtMs,
    string? BrokerOrderId,
    string? StatusReason,
    long? ReconciledAtMs,
    IReadOnlyList<FillSnapshot> Fills)
{
    public bool Equals(OrderSnapshot? other) =>
        other is not null && Intent == other.Intent && Paper == other.Paper && Sequence == other.Sequence && Status == other.Status &&
        RecordedAtMs == other.RecordedAtMs && UpdatedAtMs == other.UpdatedAtMs && BrokerOrderId == other.BrokerOrderId &&
        StatusReason == other.StatusReason && ReconciledAtMs == other.ReconciledAtMs && Fills.SequenceEqual(other.Fills);

    public override int GetHashCode() => HashCode.Combine(Intent, Sequence, Status, Fills.Count);
}

/// <summary>A fill as journaled; <see cref="Fee"/> is in <see cref="FeeAsset"/> (null: the quote asset).</summary>
public sealed record FillSnapshot(string FillId, decimal Quantity, decimal Price, decimal Fee, long AtMs, string? FeeAsset = null);

public sealed record PositionSnapshot(
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
    decimal TradeFees);

public sealed record CashBalance(string Asset, decimal Amount);

/// <summary>Base asset of a series left over in amounts too small to sell (see <see cref="PositionDustSwept"/>).</summary>
public sealed record DustBalance(SeriesKey Series, decimal Quantity);

public sealed record ClosedTradeSnapshot(
    SeriesKey Series,
    OrderSide Side,
    long OpenedAtMs,
    long ClosedAtMs,
    decimal Quantity,
    decimal AverageEntryPrice,
    decimal AverageExitPrice,
    decimal GrossPnl,
    decimal Fees);
