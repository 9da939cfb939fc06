using Fibo.Actors.Domain.Trading.Brokers;
using Fibo.Actors.Hosting.Options;

namespace Fibo.Actors.Infrastructure.Trading;

/// <summary>
/// Paper accounts: a <see cref="PaperBroker"/> per executor with the configured fee, slippage and filters
/// (<c>Fibo:Trading:PaperStepSize</c>, <c>PaperMinQty</c>, <c>PaperMinNotional</c>; next-open fills). Its
/// book lives in memory; the executor restores its open orders from the ledger when it restarts.
/// </summary>
public sealed class PaperBrokerFactory : IBrokerFactory
{
    public const string BrokerName = "paper";

    public string Name => BrokerName;

    public IBroker Create(AccountOptions account, TradingOptions trading) => PaperBroker.WithBasisPoints(trading.FeeBps, trading.SlippageBps, trading.PaperFilters());
}
