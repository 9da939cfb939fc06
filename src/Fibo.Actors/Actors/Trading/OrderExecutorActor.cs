using System.Text;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using Fibo.Actors.Actors.Common;
using Fibo.Actors.Domain.Exchange;
using Fibo.Actors.Domain.Trading;
using Fibo.Actors.Domain.Trading.Brokers;
using Fibo.Actors.Hosting.Options;
using Fibo.Actors.Infrastructure.Trading;
using Fibo.Messages.Primitives;
using Fibo.Messages.Trading;

namespace Fibo.Actors.Actors.Trading;

/// <summary>How an executor journals and reconciles.</summary>
public sealed record ExecutorSettings(TradingOptions Trading, int SnapshotEvery, TimeSpan ReconcileRetry);

/// <summary>
/// One account's order executor (the <c>order-executor</c> entity, persistence id <c>executor-{account}</c>): the
/// <see cref="Ledger"/> as an event-sourced state, decided and evolved by the same pure code as the backtester. An intent
/// gets its deterministic client order id from the policy and is journaled (recorded and marked submitted) BEFORE the
/// broker sees it; the broker's answer is journaled as it comes. The same intent again (a candle decided again after a
/// restart) finds its id in the ledger and is never sent twice.
/// <para>Before an intent is recorded it is sized to the broker's trading rules (<see cref="ISymbolRulesSource"/>:
/// Binance's <c>exchangeInfo</c> filters, the paper broker's configured ones) by <see cref="OrderSizing"/>, so the ledger
/// holds exactly what the broker sends. An exit whose remainder (or whole position) cannot be sold under those rules
/// sweeps it to dust (<see cref="PositionDustSwept"/>), so the policy sees a flat position.</para>
/// <para>On recovery the executor first asks the broker about every order that is not Filled, Rejected or Cancelled and
/// journals what the broker says (a paper broker's book is restored from the ledger first, because it lives in memory);
/// until every answer is in, new intents and candles wait. An order whose state stays unknown keeps it reconciling (fail
/// closed); one the broker contradicts halts trading.</para>
/// <para>How candles reach the paper broker: the paper broker fills at the open of the candle after the decision, so it
/// must see that candle. Rather than streaming every candle of every series to every executor, a series entity offers
/// its closed candles (<see cref="OfferCandle"/>) only while its position says an order is in flight; the executor hands
/// them to a candle-driven broker and answers with the position after any fills. The series waits for that answer
/// before its own decision on the same candle, which is exactly the backtester's order (fill at the open, then decide on
/// the close), so a replay trades like the backtest.</para>
/// <para>A journal failure stops trading (fail closed): the pending request is refused, the actor stops, the parent
/// refuses intents during the backoff, and the next incarnation journals <see cref="TradingHalted"/> after it
/// reconciled, so trading resumes only when an operator sends <see cref="ResumeTrading"/>.</para>
/// </summary>
public sealed class OrderExecutorActor : ReceivePersistentActor, IWithTimers
{
    private sealed record QueryAnswered(string ClientOrderId, BrokerOrderReport Report, bool Recovery);

    private sealed record QueryFailed(string ClientOrderId, Exception Error, bool Recovery);

    private sealed record SubmitAnswered(PlaceOrder Order, BrokerOrderReport Report, IActorRef ReplyTo);

    private sealed record RulesFetched(PlaceOrder Order, IActorRef ReplyTo, SymbolRules? Rules, Exception? Error);

    private sealed record DustRulesFetched(SeriesKey Series, string ClientOrderId, SymbolRules Rules);

    private sealed class ReconcileNext
    {
        public static readonly ReconcileNext Instance = new();
    }

    private sealed class ResolveUnknown
    {
        public static readonly ResolveUnknown Instance = new();
    }

    public static string PersistenceIdOf(string account) => $"executor-{account}";

    private readonly string _account;
    private readonly EntityIncarnation _incarnation;
    private readonly ExecutorSettings _settings;
    private readonly BrokerResolver _brokers;
    private readonly Func<IActorRef> _seriesRegion;
    private readonly TimeProvider _clock;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly AccountOptions _accountOptions;
    private Ledger _ledger;
    private IBroker? _broker;
    private ExecutorState _state = ExecutorState.Recovering;
    private readonly Queue<string> _toReconcile = new();
    private (IActorRef To, object Message)? _refuseOnJournalFailure;
    private long _lastSnapshotSequenceNr;
    private string? _lastFailure;
    // The last trading rules seen per exchange symbol: what exits are checked against for a dust remainder.
    private readonly Dictionary<string, SymbolRules> _rules = new(StringComparer.Ordinal);

    public ITimerScheduler Timers { get; set; } = null!;

    public OrderExecutorActor(string account, EntityIncarnation incarnation, ExecutorSettings settings, BrokerResolver brokers,
        Func<IActorRef> seriesRegion, TimeProvider clock)
    {
        _account = account;
        _incarnation = incarnation;
        _settings = settings;
        _brokers = brokers;
        _seriesRegion = seriesRegion;
        _clock = clock;
        _accountOptions = brokers.AccountOptions(account);
        _ledger = Ledger.Open(account, settings.Trading.RiskLimits());
        _lastFailure = incarnation.PreviousFailure;
        PersistenceId = PersistenceIdOf(account);

        Recover<SnapshotOffer>(offer =>
        {
            _ledger = Ledger.FromSnapshot((LedgerSnapshot)offer.Snapshot, settings.Trading.RiskLimits());
            _lastSnapshotSequenceNr = offer.Metadata.SequenceNr;
        });
        Recover<ILedgerEvent>(e => _ledger = _ledger.Evolve(e));
        Recover<RecoveryCompleted>(_ => BeginReconcile());
    }

    public override string PersistenceId { get; }

    private long Now => _clock.GetUtcNow().ToUnixTimeMilliseconds();

    // ------------------------------------------------------------------ recovery: reconcile before anything else

    private void BeginReconcile()
    {
        _state = ExecutorState.Reconciling;
        Become(Reconciling);
        _broker = _brokers.Create(_account);
        if (_broker is ICandleDrivenBroker book)
        {
            // The paper book lived in memory (of this node or of the one this entity moved from): put back what the ledger
            // knows the broker had accepted, then what was submitted without a journaled answer (the simulated exchange got
            // it: the submit follows the journal write), so a hand-off or a crash in between trades as if nothing happened.
            var open = _ledger.OpenOrders.OrderBy(o => o.Sequence).ToList();
            foreach (var o in open.Where(o => o.BrokerOrderId is not null).Concat(open.Where(o => o.BrokerOrderId is null && o.Status == OrderStatus.Submitted)))
            {
                var i = o.Intent;
                book.Restore(new BrokerOrderRequest(i.ClientOrderId, i.Series, i.Side, i.Quantity, i.CandleOpenTime), o.BrokerOrderId,
                    o.Fills.Select(f => new BrokerFill(f.FillId, f.Quantity, f.Price, f.Fee, f.AtMs, f.JournaledFeeAsset(i.Series))).ToList());
            }
        }
        foreach (var id in _ledger.OpenOrderIds) _toReconcile.Enqueue(id);
        if (_toReconcile.Count > 0)
            _log.Info("executor {Account}: recovered {Orders} orders at #{SequenceNr}; reconciling {Open} open order(s) with {Broker} before trading",
                _account, _ledger.Orders.Count, LastSequenceNr, _toReconcile.Count, _broker.Name);
        Self.Tell(ReconcileNext.Instance);
    }

    private void Reconciling()
    {
        Command<ReconcileNext>(_ => QueryNextOpenOrder());
        Command<QueryAnswered>(a => a.Recovery, OnRecoveryAnswer);
        Command<QueryFailed>(f => f.Recovery, f =>
        {
            _log.Warning("executor {Account}: query of {Order} failed ({Error}); asking again in {Retry}", _account, f.ClientOrderId, f.Error.Message, _settings.ReconcileRetry);
            Timers.StartSingleTimer("reconcile", ReconcileNext.Instance, _settings.ReconcileRetry);
        });
        Queries();
        JournalReplies();
        CommandAny(_ => Stash.Stash());
    }

    private void QueryNextOpenOrder()
    {
        if (_toReconcile.Count == 0)
        {
            FinishReconcile();
            return;
        }
        var id = _toReconcile.Peek();
        var order = _ledger.Orders[id];
        _broker!.QueryAsync(order.Intent.Series.Symbol, id)
            .PipeTo(Self, success: r => new QueryAnswered(id, r, true), failure: e => new QueryFailed(id, e, true));
    }

    private void OnRecoveryAnswer(QueryAnswered a)
    {
        var decision = _ledger.Decide(new ReconcileOrder(_account, a.Report, Now));
        if (decision.Rejection is { Code: LedgerRejectionCode.Unresolved } unresolved)
        {
            // Missing answers do not mean flat: keep asking, keep new intents out.
            _log.Warning("executor {Account}: {Reason}; asking again in {Retry}", _account, unresolved.Message, _settings.ReconcileRetry);
            Timers.StartSingleTimer("reconcile", ReconcileNext.Instance, _settings.ReconcileRetry);
            return;
        }
        _toReconcile.Dequeue();
        var events = decision.Events.ToList();
        if (decision.Rejection is { } r)
        {
            _log.Error("executor {Account}: reconciling {Order}: {Reason}; halting trading until an operator looks", _account, a.ClientOrderId, r.Message);
            events.AddRange(_ledger.Decide(new HaltTrading(_account, $"reconciliation of {a.ClientOrderId}: {r.Message}", Now)).Events);
        }
        else if (events.Count > 0)
            _log.Info("executor {Account}: reconciled {Order}: broker says {State}", _account, a.ClientOrderId, a.Report.State);
        AppendDustSweep(events, a.ClientOrderId);
        PersistEvents(events, null, () => Self.Tell(ReconcileNext.Instance));
    }

    private void FinishReconcile()
    {
        var events = new List<ILedgerEvent>();
        if (_incarnation.PreviousJournalFailure)
        {
            var reason = $"journal failure: {_incarnation.PreviousFailure}; check the journal's database, then resume trading";
            _log.Error("executor {Account}: the previous run stopped on a journal failure; trading stays halted until resumed", _account);
            events.AddRange(_ledger.Decide(new HaltTrading(_account, reason, Now)).Events);
        }
        PersistEvents(events, null, () =>
        {
            if (_incarnation.PreviousJournalFailure) Context.Parent.Tell(JournalFailureHandled.Instance);
            _state = _ledger.Halted ? ExecutorState.Halted : ExecutorState.Trading;
            Become(Trading);
            Timers.StartPeriodicTimer("resolve-unknown", ResolveUnknown.Instance, _settings.ReconcileRetry);
            PushPositions(KnownSeries());
            CheckDustLeftByExits();
            Stash.UnstashAll();
        });
    }

    // ------------------------------------------------------------------ trading

    private void Trading()
    {
        Command<PlaceOrder>(Place);
        Command<DustRulesFetched>(OnDustRulesFetched);
        Command<Status.Failure>(f => _log.Warning("executor {Account}: could not read trading rules to check for dust: {Error}", _account, f.Cause.Message));
        Command<SubmitAnswered>(OnSubmitAnswered);
        Command<OfferCandle>(Offer);
        Command<ResolveUnknown>(_ => QueryUnknownOrders());
        Command<QueryAnswered>(a => !a.Recovery, OnLaterAnswer);
        Command<QueryFailed>(f => !f.Recovery, f =>
            _log.Warning("executor {Account}: query of {Order} failed: {Error}", _account, f.ClientOrderId, f.Error.Message));
        Command<HaltTrading>(c => External(c, c.Reason));
        Command<ResumeTrading>(c => External(c, "trading resumed"));
        Command<FundAccount>(c => External(c, null));
        Command<CancelOrder>(c => External(c, null));
        Command<ILedgerCommand>(c => Sender.Tell(new LedgerCommandResult(_account, false,
            $"{c.GetType().Name} is decided by the executor itself; send PlaceOrder, HaltTrading, ResumeTrading, FundAccount or CancelOrder", 0)));
        Queries();
        JournalReplies();
    }

    private void Place(PlaceOrder p)
    {
        var sender = Sender;
        if (p.Account != _account)
        {
            sender.Tell(new OrderPlacement(_account, p.Intent.ClientOrderId, false, $"sent to the executor of {_account}, not {p.Account}",
                SeriesPositions.Of(_ledger, p.Intent.Series, LastSequenceNr)));
            return;
        }
        // An intent already recorded is answered as such; only a new one is sized to the exchange's rules first.
        if (_broker is not ISymbolRulesSource source || _ledger.Orders.ContainsKey(p.Intent.ClientOrderId))
        {
            Record(p, p.Intent, sender);
            return;
        }
        Task<SymbolRules> rules;
        try
        {
            rules = source.RulesAsync(p.Intent.Series.Symbol);
        }
        catch (Exception e)
        {
            rules = Task.FromException<SymbolRules>(e);
        }
        if (rules.IsCompletedSuccessfully)
        {
            Size(p, sender, rules.Result);
            return;
        }
        // Binance's exchangeInfo (cached by the broker) is being fetched: everything else waits, in order.
        rules.PipeTo(Self, success: r => new RulesFetched(p, sender, r, null), failure: e => new RulesFetched(p, sender, null, e));
        Become(WaitingForRules);
    }

    private void WaitingForRules()
    {
        Command<RulesFetched>(f =>
        {
            Become(Trading);
            if (f.Rules is { } rules) Size(f.Order, f.ReplyTo, rules);
            else
            {
                _log.Warning("executor {Account}: could not read the trading rules of {Symbol}: {Error}; {Order} not recorded",
                    _account, f.Order.Intent.Series.Symbol.Exchange, f.Error?.Message, f.Order.Intent.ClientOrderId);
                f.ReplyTo.Tell(new OrderPlacement(_account, f.Order.Intent.ClientOrderId, false,
                    $"could not read {f.Order.Intent.Series.Symbol.Exchange}'s trading rules, nothing was recorded or sent: {f.Error?.Message}",
                    SeriesPositions.Of(_ledger, f.Order.Intent.Series, LastSequenceNr)));
            }
            Stash.UnstashAll();
        });
        Queries();
        JournalReplies();
        CommandAny(_ => Stash.Stash());
    }

    /// <summary>Fits the intent to the symbol's rules; what cannot be sent is refused, an unsellable position swept to dust.</summary>
    private void Size(PlaceOrder p, IActorRef sender, SymbolRules rules)
    {
        var intent = p.Intent;
        _rules[intent.Series.Symbol.Exchange] = rules;
        var sized = OrderSizing.Fit(intent, rules, _ledger.PositionOf(intent.Series));
        if (sized.IsAccepted)
        {
            if (sized.Intent!.Quantity != intent.Quantity)
                _log.Debug("executor {Account}: {Order} sized from {Requested} to {Quantity} by {Symbol}'s lot step", _account, intent.ClientOrderId,
                    intent.Quantity, sized.Intent.Quantity, intent.Series.Symbol.Exchange);
            Record(p, sized.Intent, sender);
            return;
        }
        var position = _ledger.PositionOf(intent.Series);
        var sweep = sized.PositionIsDust ? _ledger.Decide(new SweepDust(_account, intent.Series, position.Quantity, sized.Refusal!, p.AtMs)) : LedgerDecision.NoChange;
        PersistEvents(sweep.Events.ToList(), null, () =>
        {
            if (sweep.Events.Count > 0)
                _log.Info("executor {Account}: {Series}: position {Quantity} is dust ({Reason}); swept, the series is flat", _account, intent.Series, position.Quantity, sized.Refusal);
            sender.Tell(new OrderPlacement(_account, intent.ClientOrderId, false,
                sweep.Events.Count > 0 ? sized.Refusal + "; the position was swept to dust" : sized.Refusal,
                SeriesPositions.Of(_ledger, intent.Series, LastSequenceNr)));
        });
    }

    /// <summary>Records the (sized) intent and marks it submitted, journaled, then hands it to the broker.</summary>
    private void Record(PlaceOrder p, OrderIntent intent, IActorRef sender)
    {
        OrderPlacement Answer(bool accepted, string? reason) =>
            new(_account, intent.ClientOrderId, accepted, reason, SeriesPositions.Of(_ledger, intent.Series, LastSequenceNr));

        var events = new List<ILedgerEvent>();
        var next = _ledger;
        // A paper account starts with its cash in each quote asset it trades (the seed's equity), credited once.
        var asset = Ledger.QuoteAsset(intent.Series);
        var fundingId = $"starting-cash-{asset}";
        if (_accountOptions.StartingCash > 0 && _broker!.IsPaper && !next.FundingIds.Contains(fundingId))
            next = Apply(next, next.Decide(new FundAccount(_account, fundingId, asset, _accountOptions.StartingCash, p.AtMs)), events);

        var record = next.Decide(new RecordOrderIntent(_account, intent, _broker!.IsPaper, p.AtMs));
        if (record.Rejection is { } rejected)
        {
            sender.Tell(Answer(false, rejected.Message));
            return;
        }
        if (record.Events.Count == 0)
        {
            // The same intent again (its candle was decided again after a restart): it is in the ledger, never sent twice.
            sender.Tell(Answer(true, "already recorded"));
            return;
        }
        next = Apply(next, record, events);
        var submit = next.Decide(new MarkOrderSubmitted(_account, intent.ClientOrderId, p.AtMs));
        if (submit.Rejection is { } notSubmitted)
        {
            sender.Tell(Answer(false, notSubmitted.Message));
            return;
        }
        Apply(next, submit, events);

        // Journaled first; only then does the broker see the order.
        PersistEvents(events, (sender, new OrderPlacement(_account, intent.ClientOrderId, false, "journal write failed: the order was not sent", null)), () =>
        {
            var request = new BrokerOrderRequest(intent.ClientOrderId, intent.Series, intent.Side, intent.Quantity, intent.CandleOpenTime);
            _broker!.SubmitAsync(request).PipeTo(Self,
                success: report => new SubmitAnswered(p, report, sender),
                failure: e => new SubmitAnswered(p, BrokerOrderReport.Unknown(intent.ClientOrderId, $"submit failed: {e.Message}"), sender));
        });
    }

    private void OnSubmitAnswered(SubmitAnswered a)
    {
        var cid = a.Order.Intent.ClientOrderId;
        var series = a.Order.Intent.Series;
        var decision = _ledger.Decide(new ApplyBrokerReport(_account, a.Report, a.Order.AtMs));
        var events = decision.Events.ToList();
        string? note = null;
        if (decision.Rejection is { } r)
        {
            note = r.Message;
            _log.Error("executor {Account}: broker answer for {Order} contradicts the ledger: {Reason}; halting trading", _account, cid, r.Message);
            events.AddRange(_ledger.Decide(new HaltTrading(_account, $"broker answer for {cid}: {r.Message}", Now)).Events);
        }
        else if (a.Report.State == BrokerOrderState.Unknown)
            _log.Warning("executor {Account}: outcome of {Order} unknown ({Reason}); it will be queried, never resubmitted", _account, cid, a.Report.Reason);
        AppendDustSweep(events, cid);
        PersistEvents(events, null, () =>
        {
            var rejected = a.Report.State == BrokerOrderState.Rejected;
            a.ReplyTo.Tell(new OrderPlacement(_account, cid, !rejected, rejected ? a.Report.Reason ?? "rejected by the broker" : note,
                SeriesPositions.Of(_ledger, series, LastSequenceNr)));
        });
    }

    private void Offer(OfferCandle o)
    {
        var sender = Sender;
        var events = new List<ILedgerEvent>();
        if (_broker is ICandleDrivenBroker book)
        {
            var next = _ledger;
            foreach (var report in book.OnCandle(o.Series, o.Candle))
            {
                var d = next.Decide(new ApplyBrokerReport(_account, report, o.Candle.OpenTime));
                if (d.Rejection is { } r)
                {
                    _log.Error("executor {Account}: paper fill of {Order} contradicts the ledger: {Reason}; halting trading", _account, report.ClientOrderId, r.Message);
                    d = next.Decide(new HaltTrading(_account, $"fill of {report.ClientOrderId}: {r.Message}", o.Candle.OpenTime));
                }
                next = Apply(next, d, events);
                if (next.Orders.TryGetValue(report.ClientOrderId, out var order) && _rules.TryGetValue(o.Series.Symbol.Exchange, out var rules) &&
                    OrderSizing.DustAfterFill(next, order, rules, o.Candle.OpenTime) is { } sweep)
                    next = Apply(next, next.Decide(sweep), events);
            }
        }
        PersistEvents(events, (sender, new ExecutorUnavailable(_account, "journal write failed")), () =>
            sender.Tell(new CandleOffered(_account, o.Series, o.Candle.OpenTime, SeriesPositions.Of(_ledger, o.Series, LastSequenceNr))));
    }

    private void QueryUnknownOrders()
    {
        foreach (var o in _ledger.OpenOrders.Where(o => o.Status == OrderStatus.Unknown))
        {
            var id = o.ClientOrderId;
            _broker!.QueryAsync(o.Intent.Series.Symbol, id)
                .PipeTo(Self, success: r => new QueryAnswered(id, r, false), failure: e => new QueryFailed(id, e, false));
        }
    }

    private void OnLaterAnswer(QueryAnswered a)
    {
        if (!_ledger.Orders.TryGetValue(a.ClientOrderId, out var order) || order.IsTerminal) return;
        var decision = _ledger.Decide(new ReconcileOrder(_account, a.Report, Now));
        if (decision.Rejection is { Code: LedgerRejectionCode.Unresolved }) return; // asked again on the next tick
        var events = decision.Events.ToList();
        if (decision.Rejection is { } r)
        {
            _log.Error("executor {Account}: {Order}: {Reason}; halting trading", _account, a.ClientOrderId, r.Message);
            events.AddRange(_ledger.Decide(new HaltTrading(_account, $"{a.ClientOrderId}: {r.Message}", Now)).Events);
        }
        AppendDustSweep(events, a.ClientOrderId);
        PersistEvents(events, null, () => PushPositions([order.Intent.Series]));
    }

    /// <summary>An operator's ledger command (kill switch, funding, cancelling an unsent order).</summary>
    private void External(ILedgerCommand command, string? logReason)
    {
        var sender = Sender;
        var decision = _ledger.Decide(command);
        if (decision.Rejection is { } r)
        {
            sender.Tell(new LedgerCommandResult(_account, false, r.Message, 0));
            return;
        }
        PersistEvents(decision.Events.ToList(), (sender, new LedgerCommandResult(_account, false, "journal write failed", 0)), () =>
        {
            if (decision.Events.Count > 0 && logReason is not null)
                _log.Warning("executor {Account}: {Command}: {Reason}", _account, command.GetType().Name, logReason);
            _state = _ledger.Halted ? ExecutorState.Halted : ExecutorState.Trading;
            sender.Tell(new LedgerCommandResult(_account, true, null, decision.Events.Count));
            if (decision.Events.Count > 0) PushPositions(KnownSeries());
        });
    }

    // ------------------------------------------------------------------ dust

    /// <summary>Adds the dust sweep an ended exit calls for (after <paramref name="events"/>), when the symbol's rules are known.</summary>
    private void AppendDustSweep(List<ILedgerEvent> events, string clientOrderId)
    {
        var next = _ledger.EvolveAll(events);
        if (!next.Orders.TryGetValue(clientOrderId, out var order) || !_rules.TryGetValue(order.Intent.Series.Symbol.Exchange, out var rules)) return;
        if (OrderSizing.DustAfterFill(next, order, rules, Now) is { } sweep)
        {
            _log.Info("executor {Account}: {Reason}; swept to dust", _account, sweep.Reason);
            events.AddRange(next.Decide(sweep).Events);
        }
    }

    /// <summary>After recovery: a position whose last order was an ended exit may hold a remainder that is dust (a crash between the fill and its sweep).</summary>
    private void CheckDustLeftByExits()
    {
        if (_broker is not ISymbolRulesSource source) return;
        foreach (var position in _ledger.Positions.Values.Where(p => !p.IsFlat))
        {
            var last = _ledger.OrdersInSequence.LastOrDefault(o => o.Intent.Series == position.Series);
            if (last is null || last.Intent.Purpose != OrderPurpose.Exit || !last.IsTerminal) continue;
            var series = position.Series;
            var cid = last.ClientOrderId;
            source.RulesAsync(series.Symbol).PipeTo(Self, success: r => new DustRulesFetched(series, cid, r),
                failure: e => new Status.Failure(e));
        }
    }

    private void OnDustRulesFetched(DustRulesFetched f)
    {
        _rules[f.Series.Symbol.Exchange] = f.Rules;
        var events = new List<ILedgerEvent>();
        AppendDustSweep(events, f.ClientOrderId);
        PersistEvents(events, null, () => { if (events.Count > 0) PushPositions([f.Series]); });
    }

    // ------------------------------------------------------------------ queries (answered in every state)

    private void Queries()
    {
        Command<GetSeriesPosition>(q => Sender.Tell(SeriesPositions.Of(_ledger, q.Series, LastSequenceNr)));
        Command<GetLedger>(_ => Sender.Tell(_ledger.ToSnapshot()));
        Command<GetLedgerCsv>(_ =>
        {
            using var writer = new StringWriter();
            LedgerCsv.Write(writer, _ledger.OrdersInSequence);
            Sender.Tell(new LedgerCsvText(_account, _ledger.Orders.Count, writer.ToString()));
        });
        Command<GetExecutorStatus>(_ => Sender.Tell(StatusOf()));
    }

    private ExecutorStatus StatusOf() => new(_account, _state, _broker?.Name ?? _accountOptions.Broker, _broker?.IsPaper ?? true, LastSequenceNr,
        _ledger.Orders.Count, _ledger.OpenOrderIds.Count, _ledger.Orders.Values.Sum(o => o.Fills.Count), _ledger.Halted, _ledger.HaltReason,
        _ledger.RealizedPnl, _ledger.FeesPaid, _ledger.ToSnapshot().Cash, _lastFailure);

    // ------------------------------------------------------------------ journal

    private static Ledger Apply(Ledger ledger, LedgerDecision decision, List<ILedgerEvent> into)
    {
        into.AddRange(decision.Events);
        return ledger.EvolveAll(decision.Events);
    }

    /// <summary>
    /// Journals the events, applies each once it is stored, then runs <paramref name="then"/>. New commands wait meanwhile
    /// (Persist stashes them), so every decision sees the ledger with everything before it applied.
    /// </summary>
    private void PersistEvents(List<ILedgerEvent> events, (IActorRef To, object Message)? refusal, Action then)
    {
        if (events.Count == 0)
        {
            then();
            return;
        }
        _refuseOnJournalFailure = refusal;
        var remaining = events.Count;
        PersistAll(events, e =>
        {
            _ledger = _ledger.Evolve(e);
            if (--remaining > 0) return;
            _refuseOnJournalFailure = null;
            MaybeSnapshot();
            then();
        });
    }

    private void MaybeSnapshot()
    {
        if (LastSequenceNr - _lastSnapshotSequenceNr < _settings.SnapshotEvery) return;
        _lastSnapshotSequenceNr = LastSequenceNr;
        SaveSnapshot(_ledger.ToSnapshot());
    }

    private void JournalReplies()
    {
        Command<SaveSnapshotSuccess>(s => DeleteSnapshots(new SnapshotSelectionCriteria(s.Metadata.SequenceNr - 1)));
        Command<SaveSnapshotFailure>(f => _log.Warning("executor {Account}: snapshot at #{SequenceNr} failed: {Error}", _account, f.Metadata.SequenceNr, f.Cause.Message));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(f => _log.Warning("executor {Account}: deleting old snapshots failed: {Error}", _account, f.Cause.Message));
    }

    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        _log.Error(cause, "executor {Account}: journal write of {Event} #{SequenceNr} failed; trading stops (fail closed), the executor restarts with backoff and stays halted until resumed",
            _account, @event.GetType().Name, sequenceNr);
        FailClosed($"journal write failed: {cause.Message}");
        base.OnPersistFailure(cause, @event, sequenceNr);
    }

    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        _log.Error(cause, "executor {Account}: the journal rejected {Event} #{SequenceNr}; trading stops (fail closed)", _account, @event.GetType().Name, sequenceNr);
        FailClosed($"journal rejected an event: {cause.Message}");
        Context.Stop(Self);
    }

    protected override void OnRecoveryFailure(Exception reason, object? message = null)
    {
        _log.Error(reason, "executor {Account}: the journal could not be read; not trading, retrying with backoff", _account);
        Context.Parent.Tell(new EntityFailed($"journal recovery failed: {reason.Message}", JournalFailure: true));
        base.OnRecoveryFailure(reason, message);
    }

    private void FailClosed(string reason)
    {
        if (_refuseOnJournalFailure is { } r) r.To.Tell(r.Message);
        _refuseOnJournalFailure = null;
        // What waited for the reconciliation is answered now (never "yes"), rather than lost with this actor.
        foreach (var envelope in Stash.ClearStash())
            if (AnswerWhileDown(_account, envelope.Message, reason) is { } answer) envelope.Sender.Tell(answer);
        Context.Parent.Tell(new EntityFailed(reason, JournalFailure: true));
    }

    // ------------------------------------------------------------------ positions to the series

    private IEnumerable<SeriesKey> KnownSeries() =>
        _ledger.Positions.Keys.Concat(_ledger.Orders.Values.Select(o => o.Intent.Series)).Distinct();

    private void PushPositions(IEnumerable<SeriesKey> series)
    {
        var region = _seriesRegion();
        foreach (var s in series) region.Tell(SeriesPositions.Of(_ledger, s, LastSequenceNr));
    }

    /// <summary>What the parent answers while no executor runs (after a journal failure, during the backoff): never "yes".</summary>
    public static object? AnswerWhileDown(string account, object message, string reason) => message switch
    {
        PlaceOrder p => new OrderPlacement(account, p.Intent.ClientOrderId, false, $"executor unavailable: {reason}", null),
        GetExecutorStatus => new ExecutorStatus(account, ExecutorState.Unavailable, "unknown", true, 0, 0, 0, 0, true, reason, 0, 0, [], reason),
        ILedgerCommand => new LedgerCommandResult(account, false, $"executor unavailable: {reason}", 0),
        Messages.Routing.IWithAccount => new ExecutorUnavailable(account, reason),
        _ => null,
    };
}
