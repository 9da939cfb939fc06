using Fibo.Messages.MarketData;
using Fibo.Messages.Primitives;
using Fibo.Messages.Trading;

namespace Fibo.Actors.Domain.Trading.Brokers;

/// <summary>
/// A broker that fills only when it is shown market data (the paper broker): the executor offers it each closed candle of
/// a series with an order in flight and applies the reports it returns. A live broker fills by itself and is queried.
/// </summary>
public interface ICandleDrivenBroker
{
    /// <summary>Offers a closed candle; returns the report of every order it changed.</summary>
    IReadOnlyList<BrokerOrderReport> OnCandle(SeriesKey series, Candle candle);

    /// <summary>
    /// Puts back an order this broker accepted in an earlier life of the process (its book lives in memory), with the
    /// broker id and the fills it had, so a restarted executor finds it when it reconciles instead of "not found".
    /// A null <paramref name="brokerOrderId"/> is an order the journal marked submitted whose acceptance was never
    /// journaled (the node stopped or died in between): the simulated exchange got it (the submit follows the journal
    /// write with no I/O in between) and accepts it now as it did then, under a new broker id.
    /// </summary>
    void Restore(BrokerOrderRequest request, string? brokerOrderId, IReadOnlyList<BrokerFill> fills);
}
