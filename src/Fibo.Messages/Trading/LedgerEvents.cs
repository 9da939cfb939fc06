using System.Text.Json.Serialization;
using Fibo.Messages.Serialization;

namespace Fibo.Messages.Trading;

/// <summary>A journaled fact of one account's ledger. Applying one twice never doubles its effect.</summary>
public interface ILedgerEvent : IFiboMessage
{
    string Account { get; }
    long AtMs { get; }
}

/// <summary>A ledger event about one order, keyed by its client order id.</summary>
public interface IOrderEvent : ILedgerEvent
{
    string ClientOrderId { get; }
}

[MessageManifest("order-intent-recorded.v1")]
public sealed record OrderIntentRecorded(string Account, OrderIntent Intent, bool Paper, long AtMs) : IOrderEvent
{
    [JsonIgnore]
    public string ClientOrderId => Intent.ClientOrderId;
}

[MessageManifest("order-submitted.v1")]
public sealed record OrderSubmitted(string Account, string ClientOrderId, long AtMs) : IOrderEvent;

[MessageManifest("order-acknowledged.v1")]
public sealed record OrderAcknowledged(string Account, string ClientOrderId, string BrokerOrderId, long AtMs) : IOrderEvent;

/// <summary>
/// One execution (partial or whole); the order is Filled once its fills reach the ordered quantity. <see cref="Fee"/> is
/// in <see cref="FeeAsset"/> (null: the quote asset, as every event written before fee assets existed),
/// <see cref="FillId"/> deduplicates, and <see cref="AtMs"/> is the execution time (it decides the UTC day of the daily PnL).
/// </summary>
[MessageManifest("order-filled.v1")]
public sealed record OrderFilled(
    string Account, string ClientOrderId, string FillId, decimal Quantity, decimal Price, decimal Fee, long AtMs, string? FeeAsset = null) : IOrderEvent;

[MessageManifest("order-rejected.v1")]
public sealed record OrderRejected(string Account, string ClientOrderId, string Reason, long AtMs) : IOrderEvent;

[MessageManifest("order-cancelled.v1")]
public sealed record OrderCancelled(string Account, string ClientOrderId, string Reason, long AtMs) : IOrderEvent;

/// <summary>The broker's answer was lost (5xx, timeout): the order may or may not exist; resolve it by query.</summary>
[MessageManifest("order-outcome-unknown.v1")]
public sealed record OrderOutcomeUnknown(string Account, string ClientOrderId, string Reason, long AtMs) : IOrderEvent;

/// <summary>Reconciliation aligned the order with the broker's report (the aligning events precede this marker).</summary>
[MessageManifest("order-reconciled.v1")]
public sealed record OrderReconciled(string Account, string ClientOrderId, BrokerOrderState BrokerState, long AtMs) : IOrderEvent;

[MessageManifest("trading-halted.v1")]
public sealed record TradingHalted(string Account, string Reason, long AtMs) : ILedgerEvent;

[MessageManifest("trading-resumed.v1")]
public sealed record TradingResumed(string Account, long AtMs) : ILedgerEvent;

[MessageManifest("account-funded.v1")]
public sealed record AccountFunded(string Account, string FundingId, string Asset, decimal Amount, long AtMs) : ILedgerEvent;

/// <summary>
/// What was left of a position is too small to trade (a market sell of it would break the symbol's LOT_SIZE or notional
/// filters, e.g. the rounding left by a commission taken in the base asset): it leaves the position as dust, so the
/// position is flat for the policy, and stays listed in the ledger's dust balances.
/// </summary>
[MessageManifest("position-dust-swept.v1")]
public sealed record PositionDustSwept(string Account, Primitives.SeriesKey Series, decimal Quantity, string Reason, long AtMs) : ILedgerEvent;
