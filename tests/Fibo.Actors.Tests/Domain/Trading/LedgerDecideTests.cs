using Fibo.Actors.Domain.Trading;
using Fibo.Messages.Trading;
using static Fibo.Actors.Tests.Domain.Trading.LedgerTestData;

namespace Fibo.Actors.Tests.Domain.Trading;

/// <summary>Given events, when a command, then events or a rejection.</summary>
public class LedgerDecideTests
{
    private static readonly OrderIntent Buy10 = Intent(OrderSide.Buy, 10m);
    private static readonly OrderIntent Sell10 = Intent(OrderSide.Sell, 10m, 110m, candle: 5);

    [Fact]
    public void Recording_an_intent_on_an_empty_ledger()
    {
        Then(Given().Decide(new RecordOrderIntent(A, Buy10, true, 1)), new OrderIntentRecorded(A, Buy10, true, 1));
    }

    [Fact]
    public void Recording_the_same_intent_again_is_a_no_op()
    {
        Then(Given(Recorded(Buy10)).Decide(new RecordOrderIntent(A, Buy10, true, 9)));
        // ...even after it filled and the position is open (a replayed candle regenerates the same id).
        Then(Given(FullyFilled(Buy10, 100m, 1m)).Decide(new RecordOrderIntent(A, Buy10, true, 9)));
    }

    [Fact]
    public void An_intent_must_carry_its_deterministic_client_order_id()
    {
        ThenRejected(Given().Decide(new RecordOrderIntent(A, Buy10 with { ClientOrderId = "fibo-other" }, true, 1)), LedgerRejectionCode.InvalidIntent);
        ThenRejected(Given().Decide(new RecordOrderIntent(A, Buy10 with { Quantity = 0m }, true, 1)), LedgerRejectionCode.InvalidIntent);
        ThenRejected(Given().Decide(new RecordOrderIntent("other", Buy10, true, 1)), LedgerRejectionCode.WrongAccount);
    }

    [Fact]
    public void One_order_in_flight_per_series()
    {
        var again = Intent(OrderSide.Buy, 10m, candle: 1);
        ThenRejected(Given(Recorded(Buy10), Submitted(Buy10)).Decide(new RecordOrderIntent(A, again, true, 5)), LedgerRejectionCode.OrderPending);
        // another series is independent
        var ltc = Intent(OrderSide.Buy, 1m, series: Ltc);
        Then(Given(Recorded(Buy10)).Decide(new RecordOrderIntent(A, ltc, true, 5)), new OrderIntentRecorded(A, ltc, true, 5));
    }

    [Fact]
    public void No_entry_into_an_open_position()
    {
        var again = Intent(OrderSide.Buy, 10m, candle: 1);
        ThenRejected(Given(FullyFilled(Buy10, 100m, 1m)).Decide(new RecordOrderIntent(A, again, true, 5)), LedgerRejectionCode.PositionAlreadyOpen);
    }

    [Fact]
    public void Exits_must_reduce_the_position()
    {
        ThenRejected(Given().Decide(new RecordOrderIntent(A, Sell10, true, 5)), LedgerRejectionCode.InvalidExit);
        var tooBig = Intent(OrderSide.Sell, 11m, candle: 5);
        ThenRejected(Given(FullyFilled(Buy10, 100m, 1m)).Decide(new RecordOrderIntent(A, tooBig, true, 5)), LedgerRejectionCode.InvalidExit);
        Then(Given(FullyFilled(Buy10, 100m, 1m)).Decide(new RecordOrderIntent(A, Sell10, true, 5)), new OrderIntentRecorded(A, Sell10, true, 5));
    }

    [Fact]
    public void Short_entries_need_permission()
    {
        var shortEntry = Intent(OrderSide.Sell, 10m, purpose: OrderPurpose.Entry);
        ThenRejected(Given().Decide(new RecordOrderIntent(A, shortEntry, true, 1)), LedgerRejectionCode.ShortNotAllowed);
        Then(Given(new RiskLimits { AllowShort = true }).Decide(new RecordOrderIntent(A, shortEntry, true, 1)), new OrderIntentRecorded(A, shortEntry, true, 1));
    }

    [Fact]
    public void Max_position_notional_is_enforced()
    {
        var limits = new RiskLimits { MaxPositionNotional = 999m };
        ThenRejected(Given(limits).Decide(new RecordOrderIntent(A, Buy10, true, 1)), LedgerRejectionCode.MaxPositionNotional); // 10 · 100 = 1000
        Then(Given(limits with { MaxPositionNotional = 1000m }).Decide(new RecordOrderIntent(A, Buy10, true, 1)), new OrderIntentRecorded(A, Buy10, true, 1));
    }

    [Fact]
    public void Kill_switch_rejects_new_intents_and_holds_back_recorded_ones()
    {
        var halted = new TradingHalted(A, "operator", 1);
        ThenRejected(Given(halted).Decide(new RecordOrderIntent(A, Buy10, true, 2)), LedgerRejectionCode.TradingHalted);
        ThenRejected(Given(Recorded(Buy10), halted).Decide(new MarkOrderSubmitted(A, Buy10.ClientOrderId, 3)), LedgerRejectionCode.TradingHalted);
        Then(Given(Recorded(Buy10), halted, new TradingResumed(A, 3)).Decide(new MarkOrderSubmitted(A, Buy10.ClientOrderId, 4)),
            new OrderSubmitted(A, Buy10.ClientOrderId, 4));
    }

    [Fact]
    public void Halting_and_resuming_are_idempotent()
    {
        Then(Given().Decide(new HaltTrading(A, "daily review", 1)), new TradingHalted(A, "daily review", 1));
        Then(Given(new TradingHalted(A, "x", 1)).Decide(new HaltTrading(A, "again", 2)));
        Then(Given().Decide(new ResumeTrading(A, 1)));
        Then(Given(new TradingHalted(A, "x", 1)).Decide(new ResumeTrading(A, 2)), new TradingResumed(A, 2));
    }

    [Fact]
    public void Daily_loss_limit_allows_exits_only_until_the_next_utc_day()
    {
        // Lose 10 · (100 − 90) = 100 plus 2 fees on a round trip closed on day D.
        var dayStart = Ledger.DayStart(Fibo.Actors.Tests.Support.TestCandles.OpenTime(0));
        var buy = Intent(OrderSide.Buy, 10m, candle: 0);
        var sell = Intent(OrderSide.Sell, 10m, 90m, candle: 1);
        var limits = new RiskLimits { DailyLossLimit = 100m };
        var ledger = Given(limits, [.. FullyFilled(buy, 100m, 1m, dayStart + 1000), .. FullyFilled(sell, 90m, 1m, dayStart + 2000)]);
        Assert.Equal(-102m, ledger.RiskView(dayStart + 3000).DailyNetPnl);

        var next = Intent(OrderSide.Buy, 1m, candle: 2);
        ThenRejected(ledger.Decide(new RecordOrderIntent(A, next, true, dayStart + 3000)), LedgerRejectionCode.DailyLossLimit);
        var tomorrow = dayStart + Fibo.Messages.Primitives.Timeframe.MsPerDay;
        Then(ledger.Decide(new RecordOrderIntent(A, next, true, tomorrow)), new OrderIntentRecorded(A, next, true, tomorrow));
        Assert.Equal(0m, ledger.RiskView(tomorrow).DailyNetPnl);
    }

    [Fact]
    public void Submitting_follows_recording_once()
    {
        Then(Given(Recorded(Buy10)).Decide(new MarkOrderSubmitted(A, Buy10.ClientOrderId, 2)), new OrderSubmitted(A, Buy10.ClientOrderId, 2));
        Then(Given(Recorded(Buy10), Submitted(Buy10)).Decide(new MarkOrderSubmitted(A, Buy10.ClientOrderId, 3)));
        ThenRejected(Given().Decide(new MarkOrderSubmitted(A, "fibo-nothing", 2)), LedgerRejectionCode.UnknownOrder);
        ThenRejected(Given(FullyFilled(Buy10, 100m, 1m)).Decide(new MarkOrderSubmitted(A, Buy10.ClientOrderId, 9)), LedgerRejectionCode.OrderTerminal);
    }

    [Fact]
    public void Broker_acceptance_acknowledges()
    {
        Then(Given(Recorded(Buy10), Submitted(Buy10)).Decide(new ApplyBrokerReport(A, Report(Buy10, BrokerOrderState.Accepted), 3)),
            new OrderAcknowledged(A, Buy10.ClientOrderId, "b-1", 3));
        Then(Given(Recorded(Buy10), Submitted(Buy10), Acked(Buy10)).Decide(new ApplyBrokerReport(A, Report(Buy10, BrokerOrderState.Accepted), 4)));
    }

    [Fact]
    public void A_fill_report_adds_only_unseen_fills()
    {
        var f1 = new BrokerFill("f1", 4m, 100m, 0.4m, 10);
        var f2 = new BrokerFill("f2", 6m, 101m, 0.606m, 11);
        var given = Given(Recorded(Buy10), Submitted(Buy10), Acked(Buy10), Filled(Buy10, "f1", 4m, 100m, 0.4m, 10));
        Then(given.Decide(new ApplyBrokerReport(A, Report(Buy10, BrokerOrderState.Filled, f1, f2), 12)),
            new OrderFilled(A, Buy10.ClientOrderId, "f2", 6m, 101m, 0.606m, 11));
    }

    [Fact]
    public void Submit_answer_with_an_immediate_fill_acknowledges_then_fills()
    {
        var f = new BrokerFill("f1", 10m, 100m, 1m, 10);
        Then(Given(Recorded(Buy10), Submitted(Buy10)).Decide(new ApplyBrokerReport(A, Report(Buy10, BrokerOrderState.Filled, f), 10)),
            new OrderAcknowledged(A, Buy10.ClientOrderId, "b-1", 10),
            new OrderFilled(A, Buy10.ClientOrderId, "f1", 10m, 100m, 1m, 10));
    }

    [Fact]
    public void Rejection_and_cancellation_end_the_order()
    {
        var rejected = Report(Buy10, BrokerOrderState.Rejected) with { Reason = "-2010 insufficient balance" };
        Then(Given(Recorded(Buy10), Submitted(Buy10)).Decide(new ApplyBrokerReport(A, rejected, 3)),
            new OrderRejected(A, Buy10.ClientOrderId, "-2010 insufficient balance", 3));

        var f = new BrokerFill("f1", 4m, 100m, 0.4m, 10);
        var expired = Report(Buy10, BrokerOrderState.Expired, f);
        Then(Given(Recorded(Buy10), Submitted(Buy10), Acked(Buy10)).Decide(new ApplyBrokerReport(A, expired, 11)),
            new OrderFilled(A, Buy10.ClientOrderId, "f1", 4m, 100m, 0.4m, 10),
            new OrderCancelled(A, Buy10.ClientOrderId, "expired", 11));
    }

    [Fact]
    public void A_terminal_order_ignores_repeated_reports_but_flags_new_fills()
    {
        var given = Given(FullyFilled(Buy10, 100m, 1m));
        var sameFill = new BrokerFill(Buy10.ClientOrderId + "-1", 10m, 100m, 1m, 4);
        Then(given.Decide(new ApplyBrokerReport(A, Report(Buy10, BrokerOrderState.Filled, sameFill), 20)));
        var cancelled = Given(Recorded(Buy10), new OrderCancelled(A, Buy10.ClientOrderId, "x", 2));
        ThenRejected(cancelled.Decide(new ApplyBrokerReport(A, Report(Buy10, BrokerOrderState.Filled, sameFill), 20)), LedgerRejectionCode.Anomaly);
    }

    [Fact]
    public void Inconsistent_reports_are_anomalies_not_events()
    {
        var given = Given(Recorded(Buy10), Submitted(Buy10));
        var over = Report(Buy10, BrokerOrderState.Filled, new BrokerFill("f1", 11m, 100m, 1m, 10));
        ThenRejected(given.Decide(new ApplyBrokerReport(A, over, 10)), LedgerRejectionCode.Anomaly);
        var shortFilled = Report(Buy10, BrokerOrderState.Filled, new BrokerFill("f1", 9m, 100m, 1m, 10));
        ThenRejected(given.Decide(new ApplyBrokerReport(A, shortFilled, 10)), LedgerRejectionCode.Anomaly);
        var rejectedWithFill = Report(Buy10, BrokerOrderState.Rejected, new BrokerFill("f1", 1m, 100m, 1m, 10));
        ThenRejected(given.Decide(new ApplyBrokerReport(A, rejectedWithFill, 10)), LedgerRejectionCode.Anomaly);
        ThenRejected(given.Decide(new ApplyBrokerReport(A, BrokerOrderReport.NotFound("fibo-nope"), 10)), LedgerRejectionCode.UnknownOrder);
    }

    [Fact]
    public void A_lost_answer_marks_the_outcome_unknown_once()
    {
        var given = Given(Recorded(Buy10), Submitted(Buy10));
        var unknown = BrokerOrderReport.Unknown(Buy10.ClientOrderId, "HTTP 503");
        Then(given.Decide(new ApplyBrokerReport(A, unknown, 3)), new OrderOutcomeUnknown(A, Buy10.ClientOrderId, "HTTP 503", 3));
        Then(given.Evolve(new OrderOutcomeUnknown(A, Buy10.ClientOrderId, "HTTP 503", 3)).Decide(new ApplyBrokerReport(A, unknown, 4)));
    }

    [Fact]
    public void Cancelling_locally_only_before_submit()
    {
        Then(Given(Recorded(Buy10)).Decide(new CancelOrder(A, Buy10.ClientOrderId, "stale", 2)), new OrderCancelled(A, Buy10.ClientOrderId, "stale", 2));
        ThenRejected(Given(Recorded(Buy10), Submitted(Buy10)).Decide(new CancelOrder(A, Buy10.ClientOrderId, "stale", 3)), LedgerRejectionCode.MustCancelAtBroker);
        Then(Given(Recorded(Buy10), new OrderCancelled(A, Buy10.ClientOrderId, "stale", 2)).Decide(new CancelOrder(A, Buy10.ClientOrderId, "again", 3)));
    }

    [Fact]
    public void Funding_is_deduplicated_by_id()
    {
        Then(Given().Decide(new FundAccount(A, "seed", "BTC", 10_000m, 1)), new AccountFunded(A, "seed", "BTC", 10_000m, 1));
        Then(Given(new AccountFunded(A, "seed", "BTC", 10_000m, 1)).Decide(new FundAccount(A, "seed", "BTC", 10_000m, 2)));
        ThenRejected(Given().Decide(new FundAccount(A, "zero", "BTC", 0m, 1)), LedgerRejectionCode.InvalidCommand);
    }
}
