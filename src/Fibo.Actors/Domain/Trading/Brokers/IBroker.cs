using Fibo.Messages.Primitives;
using Fibo.Messages.Trading;

namespace Fibo.Actors.Domain.Trading.Brokers;

/// <summary>
/// Where orders go: the paper broker here, Binance (signed REST) in Infrastructure. Contract for every implementation:
/// <list type="bullet">
/// <item>An exchange outcome never throws: a rejection is a report with <see cref="BrokerOrderState.Rejected"/>; a 5xx,
/// timeout or lost reply is <see cref="BrokerOrderState.Unknown"/>, to be resolved by <see cref="QueryAsync"/>, never by
/// submitting again. Only cancellation and programming errors throw.</item>
/// <item>The client order id is the idempotency key: submitting an id the broker already has must not create a second
/// order (report the existing one).</item>
/// <item><see cref="BrokerOrderState.NotFound"/> is returned only when the broker definitively has no such order.</item>
/// </list>
/// </summary>
public interface IBroker
{
    /// <summary>Short name for logs and the ledger CSV, e.g. "paper" or "binance".</summary>
    string Name { get; }

    /// <summary>True when no real money moves (the ledger CSV's "paper" column).</summary>
    bool IsPaper { get; }

    Task<BrokerOrderReport> SubmitAsync(BrokerOrderRequest request, CancellationToken cancellationToken = default);

    /// <summary>The order's state and all its fills (Binance: GET /api/v3/order by origClientOrderId plus myTrades).</summary>
    Task<BrokerOrderReport> QueryAsync(Symbol symbol, string clientOrderId, CancellationToken cancellationToken = default);

    /// <summary>Cancels if still open and reports the resulting state (a filled order stays filled).</summary>
    Task<BrokerOrderReport> CancelAsync(Symbol symbol, string clientOrderId, CancellationToken cancellationToken = default);
}
