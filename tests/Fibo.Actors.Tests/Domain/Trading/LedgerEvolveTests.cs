using Fibo.Actors.Domain.Trading;
using Fibo.Messages.Trading;
using static Fibo.Actors.Tests.Domain.Trading.LedgerTestData;

namespace Fibo.Actors.Tests.Domain.Trading;

/// <summary>Evolve: positions, cash, PnL and fees in decimal; the order state machine; idempotency.</summary>
public class LedgerEvolveTests
{
    private static readonly OrderIntent Buy10 = Intent(OrderSide.Buy, 10m, stop: 95m, target: 120m);
    private static readonly OrderIntent Sell10 = Intent(OrderSide.Sell, 10m, 110m, candle: 5);

    private static ILedgerEvent[] RoundTrip() =>
        [new AccountFunded(A, "seed", "BTC", 10_000m, 0), .. FullyFilled(Buy10, 100m, 1m, 10), .. FullyFilled(Sell10, 110m, 1.1m, 20)];

    [Fact]
    public void A_round_trip_books_cash_realized_pnl_and_fees_exactly()
    {
        var open = Given([new AccountFunded(A, "seed", "BTC", 10_000m, 0), .. FullyFilled(Buy10, 100m, 1m, 10)]);
        var pos = open.PositionOf(S);
        Assert.Equal(10m, pos.Quantity);
        Assert.Equal(100m, pos.AverageEntryPrice);
        Assert.Equal(95m, pos.StopLoss);
        Assert.Equal(120m, pos.TakeProfit);
        Assert.Equal(10_000m - 1000m - 1m, open.CashOf("BTC"));
        Assert.Equal(50m, open.UnrealizedPnl(_ => 105m));
        Assert.Equal(10_000m - 1001m + 1050m, open.Equity("BTC", _ => 105m));
        Assert.Equal(new PositionView(10m, 100m, 95m, 120m, false), open.PositionView(S));

        var closed = Given(RoundTrip());
        Assert.True(closed.PositionOf(S).IsFlat);
        Assert.Null(closed.PositionOf(S).StopLoss);
        Assert.Equal(100m, closed.RealizedPnl);
        Assert.Equal(2.1m, closed.FeesPaid);
        Assert.Equal(97.9m, closed.NetRealizedPnl);
        Assert.Equal(10_000m + 97.9m, closed.CashOf("BTC"));
        var trade = Assert.Single(closed.ClosedTrades);
        Assert.Equal(new ClosedTrade(S, OrderSide.Buy, 10, 20, 10m, 100m, 110m, 100m, 2.1m), trade);
        Assert.Equal(97.9m, trade.NetPnl);
    }

    [Fact]
    public void Average_cost_over_partial_fills_and_a_partial_exit()
    {
        var ledger = Given(
            Recorded(Buy10), Submitted(Buy10), Acked(Buy10),
            Filled(Buy10, "f1", 4m, 100m, 0.4m, 10),
            Filled(Buy10, "f2", 6m, 105m, 0.63m, 11));
        Assert.Equal(OrderStatus.Filled, ledger.Orders[Buy10.ClientOrderId].Status);
        Assert.Equal(103m, ledger.PositionOf(S).AverageEntryPrice); // (400 + 630) / 10
        Assert.Equal(103m, ledger.Orders[Buy10.ClientOrderId].AverageFillPrice);

        var sell4 = Intent(OrderSide.Sell, 4m, candle: 3);
        ledger = ledger.EvolveAll(FullyFilled(sell4, 110m, 0.44m, 20));
        Assert.Equal(6m, ledger.PositionOf(S).Quantity);
        Assert.Equal(103m, ledger.PositionOf(S).AverageEntryPrice);
        Assert.Equal(28m, ledger.RealizedPnl); // (110 − 103) · 4
        Assert.Empty(ledger.ClosedTrades);
    }

    [Fact]
    public void A_short_round_trip_and_a_reversal_through_zero()
    {
        var limits = new RiskLimits { AllowShort = true };
        var shortEntry = Intent(OrderSide.Sell, 10m, purpose: OrderPurpose.Entry);
        var cover = Intent(OrderSide.Buy, 10m, candle: 1, purpose: OrderPurpose.Exit);
        var ledger = Given(limits, [.. FullyFilled(shortEntry, 100m, 1m, 10), .. FullyFilled(cover, 90m, 0.9m, 20)]);
        Assert.Equal(100m, ledger.RealizedPnl);
        Assert.Equal(OrderSide.Sell, Assert.Single(ledger.ClosedTrades).Side);

        // A 15-unit sell against a 10 long closes the long (one trade) and opens a 5 short at the fill price.
        var p = Fibo.Actors.Domain.Trading.Position.Flat(S)
            .Apply(OrderSide.Buy, 10m, 100m, 1m, 10, null, null).Position
            .Apply(OrderSide.Sell, 15m, 120m, 1.5m, 20, null, null);
        Assert.Equal(-5m, p.Position.Quantity);
        Assert.Equal(120m, p.Position.AverageEntryPrice);
        Assert.Equal(200m, p.Realized);
        Assert.Equal(2m, p.Closed!.Fees); // 1 at entry + 10/15 of 1.5
        Assert.Equal(0.5m, p.Position.TradeFees);
    }

    [Fact]
    public void Every_order_event_applied_twice_changes_nothing_the_second_time()
    {
        var events = RoundTrip().Concat([new TradingHalted(A, "x", 30), new TradingResumed(A, 31)]).ToArray();
        var once = Given(events);
        var twice = Given(events.SelectMany(e => new[] { e, e }).ToArray());
        AssertSameState(once, twice);

        // Replaying the whole journal a second time on top is also harmless.
        AssertSameState(once, once.EvolveAll(events.Where(e => e is not (TradingHalted or TradingResumed))));
    }

    [Fact]
    public void A_duplicate_fill_id_is_not_booked_twice()
    {
        var given = Given(Recorded(Buy10), Submitted(Buy10), Filled(Buy10, "f1", 4m, 100m, 0.4m));
        var again = given.Evolve(Filled(Buy10, "f1", 4m, 100m, 0.4m));
        Assert.Same(given, again);
        Assert.Equal(4m, again.PositionOf(S).Quantity);
        Assert.Equal(OrderStatus.PartiallyFilled, again.Orders[Buy10.ClientOrderId].Status);
    }

    [Fact]
    public void An_order_has_exactly_one_terminal_state()
    {
        var filled = Given(FullyFilled(Buy10, 100m, 1m));
        Assert.Throws<InvalidOperationException>(() => filled.Evolve(new OrderCancelled(A, Buy10.ClientOrderId, "late", 9)));
        Assert.Throws<InvalidOperationException>(() => filled.Evolve(new OrderRejected(A, Buy10.ClientOrderId, "late", 9)));
        var cancelled = Given(Recorded(Buy10), new OrderCancelled(A, Buy10.ClientOrderId, "x", 2));
        Assert.Throws<InvalidOperationException>(() => cancelled.Evolve(Filled(Buy10, "f1", 10m, 100m, 1m)));
        Assert.Throws<InvalidOperationException>(() => cancelled.Evolve(new OrderRejected(A, Buy10.ClientOrderId, "x", 3)));
        // Stale non-terminal news does not reopen it.
        var stillCancelled = cancelled.Evolve(new OrderOutcomeUnknown(A, Buy10.ClientOrderId, "late", 4)).Evolve(Acked(Buy10));
        Assert.Equal(OrderStatus.Cancelled, stillCancelled.Orders[Buy10.ClientOrderId].Status);
        Assert.Empty(stillCancelled.OpenOrderIds);
    }

    [Fact]
    public void State_machine_walk()
    {
        var l = Given(Recorded(Buy10));
        Assert.Equal(OrderStatus.Recorded, l.Orders[Buy10.ClientOrderId].Status);
        Assert.True(l.PositionView(S).HasPendingOrder);
        l = l.Evolve(Submitted(Buy10));
        Assert.Equal(OrderStatus.Submitted, l.Orders[Buy10.ClientOrderId].Status);
        l = l.Evolve(new OrderOutcomeUnknown(A, Buy10.ClientOrderId, "503", 3));
        Assert.Equal(OrderStatus.Unknown, l.Orders[Buy10.ClientOrderId].Status);
        l = l.Evolve(Acked(Buy10));
        Assert.Equal(OrderStatus.Acknowledged, l.Orders[Buy10.ClientOrderId].Status);
        l = l.Evolve(Filled(Buy10, "f1", 3m, 100m, 0.3m));
        Assert.Equal(OrderStatus.PartiallyFilled, l.Orders[Buy10.ClientOrderId].Status);
        l = l.Evolve(new OrderCancelled(A, Buy10.ClientOrderId, "expired", 6));
        Assert.Equal(OrderStatus.Cancelled, l.Orders[Buy10.ClientOrderId].Status);
        Assert.Equal("expired", l.Orders[Buy10.ClientOrderId].StatusReason);
        Assert.False(l.PositionView(S).HasPendingOrder);
        Assert.Equal(3m, l.PositionOf(S).Quantity);
    }

    [Fact]
    public void Events_for_another_account_or_an_unknown_order_are_refused()
    {
        Assert.Throws<InvalidOperationException>(() => Given().Evolve(new TradingHalted("other", "x", 1)));
        Assert.Throws<InvalidOperationException>(() => Given().Evolve(Submitted(Buy10)));
    }

    [Fact]
    public void Decide_then_evolve_over_a_random_command_stream_keeps_the_invariants()
    {
        // Random broker behaviour, every report delivered twice: each order ends in at most one terminal state, the
        // position equals the sum of its filled buys minus sells, and replaying the events rebuilds the same state.
        var random = new Random(7);
        var ledger = Ledger.Open(A);
        var journal = new List<ILedgerEvent>();
        void Run(ILedgerCommand c)
        {
            var d = ledger.Decide(c);
            journal.AddRange(d.Events);
            ledger = ledger.EvolveAll(d.Events);
        }
        for (var candle = 0; candle < 400; candle++)
        {
            var pos = ledger.PositionOf(S);
            var intent = pos.IsFlat ? Intent(OrderSide.Buy, 1 + random.Next(5), candle: candle) : Intent(OrderSide.Sell, pos.Quantity, candle: candle);
            Run(new RecordOrderIntent(A, intent, true, candle));
            Run(new MarkOrderSubmitted(A, intent.ClientOrderId, candle));
            var fills = new List<BrokerFill>();
            var reports = new List<BrokerOrderReport>();
            var left = intent.Quantity;
            while (left > 0 && random.NextDouble() < 0.8)
            {
                var q = Math.Min(left, 1 + random.Next(3));
                fills.Add(new BrokerFill($"{intent.ClientOrderId}-{fills.Count}", q, 100 + random.Next(10), 0.1m, candle));
                left -= q;
                reports.Add(new BrokerOrderReport(intent.ClientOrderId, left == 0 ? BrokerOrderState.Filled : BrokerOrderState.PartiallyFilled, "b", fills.ToArray()));
            }
            if (left > 0)
                reports.Add(random.Next(3) switch
                {
                    0 => new BrokerOrderReport(intent.ClientOrderId, BrokerOrderState.Cancelled, "b", fills.ToArray()),
                    1 when fills.Count == 0 => BrokerOrderReport.NotFound(intent.ClientOrderId),
                    _ => BrokerOrderReport.Unknown(intent.ClientOrderId, "timeout"),
                });
            foreach (var r in reports)
            {
                Run(new ApplyBrokerReport(A, r, candle));
                Run(new ApplyBrokerReport(A, r, candle));
            }
            // A still-unknown order is resolved by cancelling it at the broker.
            if (ledger.OpenOrderIds.Contains(intent.ClientOrderId))
                Run(new ReconcileOrder(A, new BrokerOrderReport(intent.ClientOrderId, BrokerOrderState.Cancelled, "b", fills.ToArray()), candle));
            Assert.Empty(ledger.OpenOrderIds);
        }

        decimal expected = 0;
        foreach (var o in ledger.Orders.Values)
        {
            Assert.True(o.IsTerminal);
            expected += o.Intent.Side == OrderSide.Buy ? o.FilledQuantity : -o.FilledQuantity;
        }
        var terminalTransitions = new Dictionary<string, int>();
        var replay = Ledger.Open(A);
        foreach (var e in journal)
        {
            var wasTerminal = e is IOrderEvent before && replay.Orders.TryGetValue(before.ClientOrderId, out var b) && b.IsTerminal;
            replay = replay.Evolve(e);
            if (e is IOrderEvent oe && !wasTerminal && replay.Orders[oe.ClientOrderId].IsTerminal)
                terminalTransitions[oe.ClientOrderId] = terminalTransitions.GetValueOrDefault(oe.ClientOrderId) + 1;
        }
        Assert.Equal(ledger.Orders.Count, terminalTransitions.Count);
        // The stream exercised every ending: whole fills, partial fills then cancel, and cancels without fills.
        Assert.Contains(ledger.Orders.Values, o => o.Status == OrderStatus.Filled && o.Fills.Count > 1);
        Assert.Contains(ledger.Orders.Values, o => o.Status == OrderStatus.Cancelled && o.Fills.Count > 0);
        Assert.Contains(ledger.Orders.Values, o => o.Status == OrderStatus.Cancelled && o.Fills.Count == 0);
        Assert.All(terminalTransitions.Values, n => Assert.Equal(1, n));
        Assert.Equal(expected, ledger.PositionOf(S).Quantity);
        AssertSameState(ledger, Ledger.Open(A).EvolveAll(journal));
        Assert.Equal(journal.OfType<OrderFilled>().Count(), journal.OfType<OrderFilled>().Select(f => f.FillId).Distinct().Count());
    }

    internal static void AssertSameState(Ledger expected, Ledger actual)
    {
        Assert.Equal(expected.OrdersInSequence.Select(o => o with { Fills = [] }), actual.OrdersInSequence.Select(o => o with { Fills = [] }));
        Assert.Equal(expected.OrdersInSequence.SelectMany(o => o.Fills), actual.OrdersInSequence.SelectMany(o => o.Fills));
        Assert.Equal(expected.Positions.OrderBy(p => p.Key.ToString()), actual.Positions.OrderBy(p => p.Key.ToString()));
        Assert.Equal(expected.Cash.OrderBy(c => c.Key), actual.Cash.OrderBy(c => c.Key));
        Assert.Equal(expected.ClosedTrades, actual.ClosedTrades);
        Assert.Equal(expected.OpenOrderIds, actual.OpenOrderIds);
        Assert.Equal(
            (expected.RealizedPnl, expected.FeesPaid, expected.PnlDayStartMs, expected.PnlDayNet, expected.Halted, expected.HaltReason, expected.NextSequence),
            (actual.RealizedPnl, actual.FeesPaid, actual.PnlDayStartMs, actual.PnlDayNet, actual.Halted, actual.HaltReason, actual.NextSequence));
    }
}
