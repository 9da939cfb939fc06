using Fibo.Actors.Domain.Trading;
using Fibo.Messages.Trading;
using static Fibo.Actors.Tests.Domain.Trading.LedgerTestData;

namespace Fibo.Actors.Tests.Domain.Trading;

/// <summary>Recovery: for each non-terminal order, the broker's report decides the aligning events; nothing is resubmitted.</summary>
public class LedgerReconciliationTests
{
    private static readonly OrderIntent Buy10 = Intent(OrderSide.Buy, 10m);

    [Fact]
    public void Unknown_outcome_resolved_by_a_fill_report()
    {
        var given = Given(Recorded(Buy10), Submitted(Buy10), new OrderOutcomeUnknown(A, Buy10.ClientOrderId, "timeout", 3));
        var fill = new BrokerFill("f1", 10m, 100.5m, 1.005m, 7);
        var decision = given.Decide(new ReconcileOrder(A, Report(Buy10, BrokerOrderState.Filled, fill), 9));
        Then(decision,
            new OrderAcknowledged(A, Buy10.ClientOrderId, "b-1", 9),
            new OrderFilled(A, Buy10.ClientOrderId, "f1", 10m, 100.5m, 1.005m, 7),
            new OrderReconciled(A, Buy10.ClientOrderId, BrokerOrderState.Filled, 9));
        var after = given.EvolveAll(decision.Events);
        Assert.Equal(OrderStatus.Filled, after.Orders[Buy10.ClientOrderId].Status);
        Assert.Equal(10m, after.PositionOf(S).Quantity);
        Assert.Empty(after.OpenOrderIds);
    }

    [Fact]
    public void An_unknown_answer_while_reconciling_leaves_the_order_unresolved()
    {
        var given = Given(Recorded(Buy10), Submitted(Buy10), new OrderOutcomeUnknown(A, Buy10.ClientOrderId, "timeout", 3));
        ThenRejected(given.Decide(new ReconcileOrder(A, BrokerOrderReport.Unknown(Buy10.ClientOrderId, "timeout again"), 9)), LedgerRejectionCode.Unresolved);
        Assert.Contains(Buy10.ClientOrderId, given.OpenOrderIds);
    }

    [Fact]
    public void Not_found_cancels_an_order_that_never_got_an_answer()
    {
        var submitted = Given(Recorded(Buy10), Submitted(Buy10));
        Then(submitted.Decide(new ReconcileOrder(A, BrokerOrderReport.NotFound(Buy10.ClientOrderId), 9)),
            new OrderCancelled(A, Buy10.ClientOrderId, "not found at the broker: the submit never reached it", 9),
            new OrderReconciled(A, Buy10.ClientOrderId, BrokerOrderState.NotFound, 9));

        var recordedOnly = Given(Recorded(Buy10));
        Then(recordedOnly.Decide(new ReconcileOrder(A, BrokerOrderReport.NotFound(Buy10.ClientOrderId), 9)),
            new OrderCancelled(A, Buy10.ClientOrderId, "never submitted: not at the broker", 9),
            new OrderReconciled(A, Buy10.ClientOrderId, BrokerOrderState.NotFound, 9));
    }

    [Fact]
    public void A_missing_report_is_not_a_flat_position()
    {
        var acked = Given(Recorded(Buy10), Submitted(Buy10), Acked(Buy10));
        ThenRejected(acked.Decide(new ReconcileOrder(A, BrokerOrderReport.NotFound(Buy10.ClientOrderId), 9)), LedgerRejectionCode.Anomaly);
        var partial = Given(Recorded(Buy10), Submitted(Buy10), Acked(Buy10), Filled(Buy10, "f1", 4m, 100m, 0.4m));
        ThenRejected(partial.Decide(new ReconcileOrder(A, BrokerOrderReport.NotFound(Buy10.ClientOrderId), 9)), LedgerRejectionCode.Anomaly);
        Assert.Equal(4m, partial.PositionOf(S).Quantity);
    }

    [Fact]
    public void Still_open_at_the_broker_is_marked_reconciled_once()
    {
        var given = Given(Recorded(Buy10), Submitted(Buy10), Acked(Buy10));
        var decision = given.Decide(new ReconcileOrder(A, Report(Buy10, BrokerOrderState.Accepted), 9));
        Then(decision, new OrderReconciled(A, Buy10.ClientOrderId, BrokerOrderState.Accepted, 9));
        var after = given.EvolveAll(decision.Events);
        Then(after.Decide(new ReconcileOrder(A, Report(Buy10, BrokerOrderState.Accepted), 10)));
        Assert.Equal(OrderStatus.Acknowledged, after.Orders[Buy10.ClientOrderId].Status);
    }

    [Fact]
    public void A_terminal_order_needs_no_reconciliation()
    {
        Then(Given(FullyFilled(Buy10, 100m, 1m)).Decide(new ReconcileOrder(A, Report(Buy10, BrokerOrderState.Filled,
            new BrokerFill(Buy10.ClientOrderId + "-1", 10m, 100m, 1m, 4)), 9)));
    }

    [Fact]
    public void Reconciliation_never_produces_a_submit()
    {
        // Whatever the report, the events that align the ledger never include OrderSubmitted: no blind resubmit.
        var given = Given(Recorded(Buy10), Submitted(Buy10), new OrderOutcomeUnknown(A, Buy10.ClientOrderId, "timeout", 3));
        foreach (var state in Enum.GetValues<BrokerOrderState>())
        {
            var fills = state is BrokerOrderState.Filled ? new[] { new BrokerFill("f1", 10m, 100m, 1m, 5) } : [];
            var d = given.Decide(new ReconcileOrder(A, new BrokerOrderReport(Buy10.ClientOrderId, state, "b-1", fills), 9));
            Assert.DoesNotContain(d.Events, e => e is OrderSubmitted);
        }
    }
}
