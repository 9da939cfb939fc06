using Fibo.Actors.Domain.Trading.Brokers;
using Fibo.Actors.Hosting.Options;
using Fibo.Actors.Infrastructure.Binance.MarketData;
using Fibo.Actors.Infrastructure.Trading;

namespace Fibo.Actors.Infrastructure.Binance.Trading;

/// <summary>
/// Accounts with <c>Broker = binance</c>: a <see cref="BinanceBroker"/> per executor incarnation over the node's one signed
/// client (<c>Fibo:Binance</c>, keys from the environment), so every such account trades the one Binance account the key opens.
/// </summary>
public sealed class BinanceBrokerFactory(BinanceSpotTrading trading, BinanceMarketData market, BinanceBrokerOptions? options = null) : IBrokerFactory
{
    public const string BrokerName = "binance";

    public string Name => BrokerName;

    public IBroker Create(AccountOptions account, TradingOptions tradingOptions) => new BinanceBroker(trading, market, options);
}
