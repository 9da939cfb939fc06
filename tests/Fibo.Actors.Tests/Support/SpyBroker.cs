using System.Collections.Concurrent;
using Fibo.Actors.Domain.Trading.Brokers;
using Fibo.Actors.Hosting.Options;
using Fibo.Actors.Infrastructure.Trading;
using Fibo.Messages.MarketData;
using Fibo.Messages.Primitives;
using Fibo.Messages.Trading;

namespace Fibo.Actors.Tests.Support;

/// <summary>
/// Paper brokers (the real <see cref="PaperBroker"/>) that remember every order ever submitted to any of them, so a test
/// sees what reached "the exchange" across executor restarts. Accounts use it with <c>Broker = "spy"</c>.
/// </summary>
public sealed class SpyBrokerFactory : IBrokerFactory
{
    public ConcurrentQueue<string> Submitted { get; } = new();

    public string Name => "spy";

    public IBroker Create(AccountOptions account, TradingOptions trading) => new SpyBroker(PaperBroker.WithBasisPoints(trading.FeeBps, trading.SlippageBps), Submitted);

    private sealed class SpyBroker(PaperBroker paper, ConcurrentQueue<string> submitted) : IBroker, ICandleDrivenBroker
    {
        public string Name => "spy";
        public bool IsPaper => true;

        public Task<BrokerOrderReport> SubmitAsync(BrokerOrderRequest request, CancellationToken cancellationToken = default)
        {
            submitted.Enqueue(request.ClientOrderId);
            return ((IBroker)paper).SubmitAsync(request, cancellationToken);
        }

        public Task<BrokerOrderReport> QueryAsync(Symbol symbol, string clientOrderId, CancellationToken cancellationToken = default) =>
            ((IBroker)paper).QueryAsync(symbol, clientOrderId, cancellationToken);

        public Task<BrokerOrderReport> CancelAsync(Symbol symbol, string clientOrderId, CancellationToken cancellationToken = default) =>
            ((IBroker)paper).CancelAsync(symbol, clientOrderId, cancellationToken);

        public IReadOnlyList<BrokerOrderReport> OnCandle(SeriesKey series, Candle candle) => paper.OnCandle(series, candle);

        public void Restore(BrokerOrderRequest request, string? brokerOrderId, IReadOnlyList<BrokerFill> fills) => paper.Restore(request, brokerOrderId, fills);
    }
}
