using Fibo.Messages.MarketData;
using Fibo.Messages.Primitives;
using Fibo.Messages.Routing;
using Fibo.Messages.Serialization;

namespace Fibo.Messages.Trading;

/// <summary>
/// A series entity asks its account's executor to place an order: the executor records the intent (persisted before any
/// submit), submits it and answers <see cref="OrderPlacement"/> with the series' position afterwards.
/// </summary>
/// <param name="AtMs">The decision's time (UTC ms) by the series' clock: journaled as the intent's time.</param>
[MessageManifest("place-order.v1")]
public sealed record PlaceOrder(string Account, OrderIntent Intent, long AtMs) : IWithAccount;

/// <summary>
/// The executor's answer to <see cref="PlaceOrder"/>. <see cref="Accepted"/> false means nothing reached a broker
/// (<see cref="Reason"/> says why: a ledger rule, the kill switch, a journal failure). <see cref="Position"/> is the series'
/// position after the answer (null only when the executor is unavailable and does not know it).
/// </summary>
[MessageManifest("order-placement.v1")]
public sealed record OrderPlacement(string Account, string ClientOrderId, bool Accepted, string? Reason, SeriesPosition? Position) : IFiboMessage;

/// <summary>
/// A closed candle of a series with an order in flight, offered to the executor so a candle-driven (paper) broker can
/// fill at its open. Answered with <see cref="CandleOffered"/>.
/// </summary>
[MessageManifest("offer-candle.v1")]
public sealed record OfferCandle(string Account, SeriesKey Series, Candle Candle) : IWithAccount;

/// <summary>The answer to <see cref="OfferCandle"/>: the series' position after any fills at that candle.</summary>
[MessageManifest("candle-offered.v1")]
public sealed record CandleOffered(string Account, SeriesKey Series, long CandleOpenTime, SeriesPosition Position) : IFiboMessage;

/// <summary>Asks the executor for one series' <see cref="SeriesPosition"/>.</summary>
[MessageManifest("get-series-position.v1")]
public sealed record GetSeriesPosition(string Account, SeriesKey Series) : IWithAccount;

/// <summary>
/// What a series' policy needs from the ledger, as the executor (the authority) sees it: the signed position, its entry
/// and protective levels, whether an order is in flight, the kill switch, and the account's daily PnL (of the UTC day
/// starting at <see cref="PnlDayStartMs"/>). Sent as a reply and pushed to the series entity when it changes;
/// <see cref="Sequence"/> (the executor's journal sequence number when it was taken) lets the entity keep the newest.
/// <see cref="LastIntentOpenTime"/> is the newest candle of the series with a recorded intent: an entity that starts (on
/// another node after a hand-off, or after a crash) decides again the stored candles after it.
/// </summary>
[MessageManifest("series-position.v1")]
public sealed record SeriesPosition(
    SeriesKey Series,
    string Account,
    decimal Quantity,
    decimal AverageEntryPrice,
    decimal? StopLoss,
    decimal? TakeProfit,
    bool HasPendingOrder,
    bool Halted,
    string? HaltReason,
    long PnlDayStartMs,
    decimal PnlDayNet,
    decimal RealizedPnl,
    decimal Fees,
    long Sequence,
    long? LastIntentOpenTime = null) : IWithSeriesKey;

/// <summary>Asks for the account's whole ledger; answered with a <see cref="LedgerSnapshot"/> (orders, fills, positions, cash, PnL).</summary>
[MessageManifest("get-ledger.v1")]
public sealed record GetLedger(string Account) : IWithAccount;

/// <summary>Asks for the account's ledger as the ledger CSV (the seed's columns + client order id, fee, fill price).</summary>
[MessageManifest("get-ledger-csv.v1")]
public sealed record GetLedgerCsv(string Account) : IWithAccount;

[MessageManifest("ledger-csv.v1")]
public sealed record LedgerCsvText(string Account, int Rows, string Csv) : IFiboMessage;

/// <summary>Asks for the executor's <see cref="ExecutorStatus"/>.</summary>
[MessageManifest("get-executor-status.v1")]
public sealed record GetExecutorStatus(string Account) : IWithAccount;

/// <summary>Where an executor is in its life.</summary>
public enum ExecutorState
{
    /// <summary>Replaying its journal.</summary>
    Recovering,
    /// <summary>Recovered; asking the broker about every non-terminal order before accepting new ones.</summary>
    Reconciling,
    /// <summary>Accepting intents.</summary>
    Trading,
    /// <summary>Up, but the kill switch is on: intents are refused until an operator resumes trading.</summary>
    Halted,
    /// <summary>Not running (its journal failed; it restarts with backoff): intents are refused.</summary>
    Unavailable,
}

/// <summary>An executor's state for inspection (<c>fibo ledger show</c>, the dashboard).</summary>
[MessageManifest("executor-status.v1")]
public sealed record ExecutorStatus(
    string Account,
    ExecutorState State,
    string Broker,
    bool Paper,
    long LastSequenceNr,
    int Orders,
    int OpenOrders,
    int Fills,
    bool Halted,
    string? HaltReason,
    decimal RealizedPnl,
    decimal Fees,
    IReadOnlyList<CashBalance> Cash,
    string? LastFailure) : IFiboMessage
{
    // Records compare lists by reference; a status is a value, so compare the balances element by element.
    public bool Equals(ExecutorStatus? other) =>
        other is not null && Account == other.Account && State == other.State && Broker == other.Broker && Paper == other.Paper &&
        LastSequenceNr == other.LastSequenceNr && Orders == other.Orders && OpenOrders == other.OpenOrders && Fills == other.Fills &&
        Halted == other.Halted && HaltReason == other.HaltReason && RealizedPnl == other.RealizedPnl && Fees == other.Fees &&
        Cash.SequenceEqual(other.Cash) && LastFailure == other.LastFailure;

    public override int GetHashCode() => HashCode.Combine(Account, State, LastSequenceNr, Orders);
}

/// <summary>
/// The answer to a ledger command sent from outside (an operator's <see cref="HaltTrading"/>, <see cref="ResumeTrading"/>,
/// <see cref="FundAccount"/>): whether it was accepted, and how many events it journaled (0 when already applied).
/// </summary>
[MessageManifest("ledger-command-result.v1")]
public sealed record LedgerCommandResult(string Account, bool Accepted, string? Reason, int Events) : IFiboMessage;

/// <summary>The executor cannot answer right now (its journal failed and it is restarting); nothing was done.</summary>
[MessageManifest("executor-unavailable.v1")]
public sealed record ExecutorUnavailable(string Account, string Reason) : IFiboMessage;
