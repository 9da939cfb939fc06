using Fibo.Actors.Domain.Trading;
using Fibo.Actors.Tests.Support;
using Fibo.Messages.Primitives;
using Fibo.Messages.Trading;

namespace Fibo.Actors.Tests.Domain.Trading;

/// <summary>Shared vocabulary of the ledger specs: intents and events for account "acct" on ETH_BTC-5m.</summary>
internal static class LedgerTestData
{
    public const string A = "acct";
    public static readonly SeriesKey S = TestCandles.Series;
    public static readonly SeriesKey Ltc = SeriesKey.Parse("LTC_BTC-5m");

    public static OrderIntent Intent(
        OrderSide side, decimal qty, decimal price = 100m, OrderPurpose? purpose = null, int candle = 0, SeriesKey? series = null,
        decimal? stop = null, decimal? target = null)
    {
        var s = series ?? S;
        var t = TestCandles.OpenTime(candle);
        return new OrderIntent(A, s, t, side, purpose ?? (side == OrderSide.Buy ? OrderPurpose.Entry : OrderPurpose.Exit),
            IntentReason.Signal, qty, price, 0.001, 0.002, stop, target, ClientOrderIds.For(A, s, t, side));
    }

    public static Ledger Given(params ILedgerEvent[] events) => Ledger.Open(A).EvolveAll(events);

    public static Ledger Given(RiskLimits limits, params ILedgerEvent[] events) => Ledger.Open(A, limits).EvolveAll(events);

    public static OrderIntentRecorded Recorded(OrderIntent i, long at = 1) => new(A, i, true, at);
    public static OrderSubmitted Submitted(OrderIntent i, long at = 2) => new(A, i.ClientOrderId, at);
    public static OrderAcknowledged Acked(OrderIntent i, string brokerId = "b-1", long at = 3) => new(A, i.ClientOrderId, brokerId, at);
    public static OrderFilled Filled(OrderIntent i, string fillId, decimal qty, decimal price, decimal fee, long at = 4) =>
        new(A, i.ClientOrderId, fillId, qty, price, fee, at);

    /// <summary>The events of a market order that was recorded, submitted, acknowledged and filled whole.</summary>
    public static ILedgerEvent[] FullyFilled(OrderIntent i, decimal price, decimal fee, long at = 4) =>
        [Recorded(i, at), Submitted(i, at), Acked(i, "b-" + i.ClientOrderId, at), Filled(i, i.ClientOrderId + "-1", i.Quantity, price, fee, at)];

    public static BrokerOrderReport Report(OrderIntent i, BrokerOrderState state, params BrokerFill[] fills) =>
        new(i.ClientOrderId, state, "b-1", fills);

    public static void Then(LedgerDecision decision, params ILedgerEvent[] expected)
    {
        Assert.Null(decision.Rejection);
        Assert.Equal(expected, decision.Events);
    }

    public static void ThenRejected(LedgerDecision decision, LedgerRejectionCode code)
    {
        Assert.True(decision.IsRejected, $"expected a {code} rejection, got events: {string.Join(", ", decision.Events)}");
        Assert.Equal(code, decision.Rejection!.Code);
        Assert.Empty(decision.Events);
    }
}
