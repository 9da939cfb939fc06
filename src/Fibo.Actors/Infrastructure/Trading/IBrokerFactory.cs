using Fibo.Actors.Domain.Trading.Brokers;
using Fibo.Actors.Hosting.Options;

namespace Fibo.Actors.Infrastructure.Trading;

/// <summary>
/// Makes the broker of an account whose <c>Fibo:Trading:Accounts:n:Broker</c> is <see cref="Name"/>. Register one per
/// broker kind in DI (<c>services.AddSingleton&lt;IBrokerFactory, ...&gt;()</c>); <see cref="BrokerResolver"/> picks by name.
/// </summary>
public interface IBrokerFactory
{
    /// <summary>The name accounts use in configuration, e.g. "paper" or "binance".</summary>
    string Name { get; }

    /// <summary>The broker for one account, created when its executor starts (each executor incarnation gets a fresh one).</summary>
    IBroker Create(AccountOptions account, TradingOptions trading);
}
