using Fibo.Actors.Domain;
using Fibo.Actors.Domain.Trading.Brokers;
using Fibo.Actors.Hosting.Options;

namespace Fibo.Actors.Infrastructure.Trading;

/// <summary>Resolves an account's broker from its configuration and the broker factories registered in DI.</summary>
public sealed class BrokerResolver(IEnumerable<IBrokerFactory> factories, TradingOptions trading)
{
    private readonly Dictionary<string, IBrokerFactory> _factories =
        factories.GroupBy(f => f.Name, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Last(), StringComparer.OrdinalIgnoreCase);

    public TradingOptions Trading { get; } = trading;

    /// <summary>The configured account (or a paper account of that id when it is not configured: e.g. a test's).</summary>
    public AccountOptions AccountOptions(string account) => Trading.Account(account) ?? new AccountOptions { Id = account };

    public IBroker Create(string account)
    {
        var options = AccountOptions(account);
        if (!_factories.TryGetValue(options.Broker, out var factory))
            throw new InputException(
                $"account {account} uses broker '{options.Broker}', which this node does not have (registered: {string.Join(", ", _factories.Keys.Order())}): " +
                "fix Fibo:Trading:Accounts or register the broker's factory");
        return factory.Create(options, Trading);
    }
}
