using Fibo.Messages.Trading;

namespace Fibo.Actors.Domain.Trading;

public sealed partial record Ledger
{
    /// <summary>
    /// Decides a command against the current state: the events that carry it out (none when it was already carried
    /// out) or a rejection. Never changes the ledger; persist the events, then <see cref="Evolve"/> them.
    /// </summary>
    public LedgerDecision Decide(ILedgerCommand command)
    {
        if (command.Account != Account)
            return LedgerDecision.Reject(LedgerRejectionCode.WrongAccount, $"command for account '{command.Account}' sent to the ledger of '{Account}'");
        return command switch
        {
            RecordOrderIntent r => DecideRecord(r),
            MarkOrderSubmitted s => DecideSubmit(s),
            ApplyBrokerReport a => DecideReport(a.Report, a.AtMs, reconciling: false),
            ReconcileOrder rc => DecideReport(rc.Report, rc.AtMs, reconciling: true),
            CancelOrder c => DecideCancel(c),
            HaltTrading h => Halted ? LedgerDecision.NoChange : LedgerDecision.Accept(new TradingHalted(Account, h.Reason, h.AtMs)),
            ResumeTrading r => Halted ? LedgerDecision.Accept(new TradingResumed(Account, r.AtMs)) : LedgerDecision.NoChange,
            FundAccount f => DecideFund(f),
            SweepDust d => DecideSweep(d),
            _ => LedgerDecision.Reject(LedgerRejectionCode.InvalidCommand, $"unknown ledger command {command.GetType().Name}"),
        };
    }

    private LedgerDecision DecideRecord(RecordOrderIntent command)
    {
        var intent = command.Intent;
        if (Orders.ContainsKey(intent.ClientOrderId)) return LedgerDecision.NoChange;
        if (intent.Account != Account)
            return LedgerDecision.Reject(LedgerRejectionCode.WrongAccount, $"intent for account '{intent.Account}' sent to the ledger of '{Account}'");
        var expectedId = ClientOrderIds.For(intent.Account, intent.Series, intent.CandleOpenTime, intent.Side);
        if (intent.ClientOrderId != expectedId)
            return Invalid($"client order id {intent.ClientOrderId} is not the deterministic id {expectedId} of ({intent.Account}, {intent.Series}, {intent.CandleOpenTime}, {intent.Side})");
        if (intent.Quantity <= 0) return Invalid($"quantity {intent.Quantity} must be positive");
        if (intent.ReferencePrice <= 0) return Invalid($"reference price {intent.ReferencePrice} must be positive");
        if (Halted) return LedgerDecision.Reject(LedgerRejectionCode.TradingHalted, $"trading is halted: {HaltReason}");
        if (HasPendingOrder(intent.Series))
            return LedgerDecision.Reject(LedgerRejectionCode.OrderPending, $"{intent.Series} already has an order in flight; one at a time per series");

        var position = PositionOf(intent.Series);
        var signed = intent.Side == OrderSide.Buy ? intent.Quantity : -intent.Quantity;
        if (intent.Purpose == OrderPurpose.Exit)
        {
            if (position.IsFlat || Math.Sign(position.Quantity) == Math.Sign(signed) || intent.Quantity > Math.Abs(position.Quantity))
                return LedgerDecision.Reject(LedgerRejectionCode.InvalidExit,
                    $"exit {intent.Side} {intent.Quantity} does not reduce the {intent.Series} position of {position.Quantity}");
        }
        else
        {
            if (!position.IsFlat)
                return LedgerDecision.Reject(LedgerRejectionCode.PositionAlreadyOpen,
                    $"{intent.Series} already holds {position.Quantity}; an entry needs a flat position (no repeat buys)");
            if (intent.Side == OrderSide.Sell && !Limits.AllowShort)
                return LedgerDecision.Reject(LedgerRejectionCode.ShortNotAllowed, $"selling {intent.Series} without a position is a short, which this account does not allow");
            if (Limits.DailyLossLimit is { } limit && RiskView(command.AtMs).DailyNetPnl <= -limit)
                return LedgerDecision.Reject(LedgerRejectionCode.DailyLossLimit, $"today's net realized PnL {PnlDayNet} reached the daily loss limit −{limit}; only exits until 00:00 UTC");
            if (Limits.MaxPositionNotional is { } max && intent.Quantity * intent.ReferencePrice > max)
                return LedgerDecision.Reject(LedgerRejectionCode.MaxPositionNotional,
                    $"entry notional {intent.Quantity * intent.ReferencePrice} exceeds the max position notional {max}");
        }
        return LedgerDecision.Accept(new OrderIntentRecorded(Account, intent, command.Paper, command.AtMs));

        static LedgerDecision Invalid(string why) => LedgerDecision.Reject(LedgerRejectionCode.InvalidIntent, why);
    }

    private LedgerDecision DecideSubmit(MarkOrderSubmitted command)
    {
        if (!Orders.TryGetValue(command.ClientOrderId, out var order))
            return LedgerDecision.Reject(LedgerRejectionCode.UnknownOrder, $"no order {command.ClientOrderId}");
        if (order.IsTerminal)
            return LedgerDecision.Reject(LedgerRejectionCode.OrderTerminal, $"order {order.ClientOrderId} is already {order.Status}");
        if (order.Status != OrderStatus.Recorded) return LedgerDecision.NoChange;
        // Fail closed: with the kill switch on, nothing leaves, not even an intent recorded just before it.
        if (Halted) return LedgerDecision.Reject(LedgerRejectionCode.TradingHalted, $"trading is halted: {HaltReason}");
        return LedgerDecision.Accept(new OrderSubmitted(Account, order.ClientOrderId, command.AtMs));
    }

    private LedgerDecision DecideCancel(CancelOrder command)
    {
        if (!Orders.TryGetValue(command.ClientOrderId, out var order))
            return LedgerDecision.Reject(LedgerRejectionCode.UnknownOrder, $"no order {command.ClientOrderId}");
        if (order.Status == OrderStatus.Cancelled) return LedgerDecision.NoChange;
        if (order.IsTerminal)
            return LedgerDecision.Reject(LedgerRejectionCode.OrderTerminal, $"order {order.ClientOrderId} is already {order.Status}");
        if (order.Status != OrderStatus.Recorded)
            return LedgerDecision.Reject(LedgerRejectionCode.MustCancelAtBroker,
                $"order {order.ClientOrderId} may be at the broker ({order.Status}): cancel it there and apply the broker's report");
        return LedgerDecision.Accept(new OrderCancelled(Account, order.ClientOrderId, command.Reason, command.AtMs));
    }

    private LedgerDecision DecideSweep(SweepDust command)
    {
        var position = PositionOf(command.Series);
        if (position.IsFlat) return LedgerDecision.NoChange;
        if (HasPendingOrder(command.Series))
            return LedgerDecision.Reject(LedgerRejectionCode.OrderPending, $"{command.Series} has an order in flight; sweep its dust after it ends");
        if (position.Quantity != command.Quantity)
            return LedgerDecision.Reject(LedgerRejectionCode.InvalidCommand,
                $"dust sweep of {command.Quantity} {command.Series}, but the position is {position.Quantity}: decide it again on the current position");
        return LedgerDecision.Accept(new PositionDustSwept(Account, command.Series, command.Quantity, command.Reason, command.AtMs));
    }

    private LedgerDecision DecideFund(FundAccount command)
    {
        if (FundingIds.Contains(command.FundingId)) return LedgerDecision.NoChange;
        if (string.IsNullOrWhiteSpace(command.FundingId) || string.IsNullOrWhiteSpace(command.Asset) || command.Amount == 0)
            return LedgerDecision.Reject(LedgerRejectionCode.InvalidCommand, "funding needs an id, an asset and a non-zero amount");
        return LedgerDecision.Accept(new AccountFunded(Account, command.FundingId, command.Asset, command.Amount, command.AtMs));
    }

    /// <summary>
    /// Aligns an order with what the broker reports: acknowledgement, the fills not yet seen, then the terminal state.
    /// A report that carries no information (<see cref="BrokerOrderState.Unknown"/>) never closes an order, and a
    /// "not found" closes only an order that never got an answer and has no fills: missing reports do not mean flat.
    /// </summary>
    private LedgerDecision DecideReport(BrokerOrderReport report, long atMs, bool reconciling)
    {
        if (!Orders.TryGetValue(report.ClientOrderId, out var order))
            return LedgerDecision.Reject(LedgerRejectionCode.UnknownOrder, $"broker report for unknown order {report.ClientOrderId}");
        var cid = order.ClientOrderId;
        var newFills = report.Fills.Where(f => !order.HasFill(f.FillId)).ToList();

        if (order.IsTerminal)
            return newFills.Count == 0
                ? LedgerDecision.NoChange
                : LedgerDecision.Reject(LedgerRejectionCode.Anomaly, $"broker reports {newFills.Count} new fill(s) for order {cid}, which the ledger has as {order.Status}");

        var events = new List<ILedgerEvent>();
        switch (report.State)
        {
            case BrokerOrderState.Unknown:
                if (reconciling)
                    return LedgerDecision.Reject(LedgerRejectionCode.Unresolved, $"order {cid}: the broker's state is unknown ({report.Reason}); query again");
                if (order.Status != OrderStatus.Unknown)
                    events.Add(new OrderOutcomeUnknown(Account, cid, report.Reason ?? "no answer from the broker", atMs));
                return LedgerDecision.Accept([.. events]);

            case BrokerOrderState.NotFound:
                if (order.Fills.Count > 0 || order.Status is OrderStatus.Acknowledged or OrderStatus.PartiallyFilled)
                    return LedgerDecision.Reject(LedgerRejectionCode.Anomaly,
                        $"broker has no order {cid}, which it acknowledged before ({order.Status}, filled {order.FilledQuantity}); not assuming it is gone");
                events.Add(new OrderCancelled(Account, cid, order.Status == OrderStatus.Recorded
                    ? "never submitted: not at the broker"
                    : "not found at the broker: the submit never reached it", atMs));
                break;

            default:
                foreach (var f in newFills)
                {
                    if (f.Quantity <= 0 || f.Price <= 0 || f.Fee < 0)
                        return LedgerDecision.Reject(LedgerRejectionCode.Anomaly, $"order {cid}: fill {f.FillId} has quantity {f.Quantity}, price {f.Price}, fee {f.Fee}");
                    if (order.Intent.Side == OrderSide.Buy && f.FeeAsset == order.Intent.Series.Symbol.Base && f.Fee >= f.Quantity)
                        return LedgerDecision.Reject(LedgerRejectionCode.Anomaly, $"order {cid}: fill {f.FillId} of {f.Quantity} charged a fee of {f.Fee} {f.FeeAsset}, all it bought");
                }
                var filledAfter = order.FilledQuantity + newFills.Sum(f => f.Quantity);
                if (filledAfter > order.Intent.Quantity)
                    return LedgerDecision.Reject(LedgerRejectionCode.Anomaly, $"order {cid}: broker fills {filledAfter} exceed the order quantity {order.Intent.Quantity}");
                if (report.State == BrokerOrderState.Filled && filledAfter < order.Intent.Quantity)
                    return LedgerDecision.Reject(LedgerRejectionCode.Anomaly, $"order {cid}: broker says filled but reports fills of {filledAfter} of {order.Intent.Quantity}");
                if (report.State == BrokerOrderState.Rejected && filledAfter > 0)
                    return LedgerDecision.Reject(LedgerRejectionCode.Anomaly, $"order {cid}: broker says rejected but reports fills of {filledAfter}");

                if (order.BrokerOrderId is null && report.State != BrokerOrderState.Rejected &&
                    (report.BrokerOrderId is not null || order.Status is OrderStatus.Submitted or OrderStatus.Unknown or OrderStatus.Recorded))
                    events.Add(new OrderAcknowledged(Account, cid, report.BrokerOrderId ?? cid, atMs));
                events.AddRange(newFills.Select(f => new OrderFilled(Account, cid, f.FillId, f.Quantity, f.Price, f.Fee, f.TimeMs,
                    string.IsNullOrEmpty(f.FeeAsset) || f.FeeAsset == QuoteAsset(order.Intent.Series) ? null : f.FeeAsset)));
                if (report.State == BrokerOrderState.Rejected)
                    events.Add(new OrderRejected(Account, cid, report.Reason ?? "rejected by the broker", atMs));
                else if (report.State is BrokerOrderState.Cancelled or BrokerOrderState.Expired)
                    events.Add(new OrderCancelled(Account, cid, report.Reason ?? (report.State == BrokerOrderState.Expired ? "expired" : "cancelled at the broker"), atMs));
                break;
        }
        if (reconciling && (events.Count > 0 || order.ReconciledAtMs is null))
            events.Add(new OrderReconciled(Account, cid, report.State, atMs));
        return LedgerDecision.Accept([.. events]);
    }
}
