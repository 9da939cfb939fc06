using Fibo.Messages.Serialization;

namespace Fibo.Messages.Trading;

/// <summary>A command to one account's ledger. The ledger decides it into events or a rejection; it never acts itself.</summary>
public interface ILedgerCommand : IFiboMessage
{
    string Account { get; }
    long AtMs { get; }
}

/// <summary>Record an intent (before any submit). Recording an id that already exists is a no-op.</summary>
[MessageManifest("record-order-intent.v1")]
public sealed record RecordOrderIntent(string Account, OrderIntent Intent, bool Paper, long AtMs) : ILedgerCommand;

/// <summary>The executor is about to send the order: persisted first, so a crash after it means "maybe sent: query".</summary>
[MessageManifest("mark-order-submitted.v1")]
public sealed record MarkOrderSubmitted(string Account, string ClientOrderId, long AtMs) : ILedgerCommand;

/// <summary>A broker answer to a submit, cancel or query in normal operation.</summary>
[MessageManifest("apply-broker-report.v1")]
public sealed record ApplyBrokerReport(string Account, BrokerOrderReport Report, long AtMs) : ILedgerCommand;

/// <summary>A broker answer obtained while reconciling a non-terminal order (on recovery or after an unknown outcome).</summary>
[MessageManifest("reconcile-order.v1")]
public sealed record ReconcileOrder(string Account, BrokerOrderReport Report, long AtMs) : ILedgerCommand;

/// <summary>The kill switch: no new orders of any kind until <see cref="ResumeTrading"/>.</summary>
[MessageManifest("halt-trading.v1")]
public sealed record HaltTrading(string Account, string Reason, long AtMs) : ILedgerCommand;

[MessageManifest("resume-trading.v1")]
public sealed record ResumeTrading(string Account, long AtMs) : ILedgerCommand;

/// <summary>Credit (or debit, when negative) an asset balance, e.g. a paper account's starting quote cash. Deduplicated by <see cref="FundingId"/>.</summary>
[MessageManifest("fund-account.v1")]
public sealed record FundAccount(string Account, string FundingId, string Asset, decimal Amount, long AtMs) : ILedgerCommand;

/// <summary>Cancel an order that was recorded but never submitted (for one at the broker, cancel there and apply its report).</summary>
[MessageManifest("cancel-order.v1")]
public sealed record CancelOrder(string Account, string ClientOrderId, string Reason, long AtMs) : ILedgerCommand;

/// <summary>
/// Move the whole remaining position of <see cref="Series"/> (<see cref="Quantity"/>, which must still be the position)
/// to dust: the executor sends it when the symbol's filters make the remainder unsellable.
/// </summary>
[MessageManifest("sweep-dust.v1")]
public sealed record SweepDust(string Account, Primitives.SeriesKey Series, decimal Quantity, string Reason, long AtMs) : ILedgerCommand;
