using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using Fibo.Actors.Actors.Prediction;
using Fibo.Actors.Domain.Features;
using Fibo.Actors.Domain.MarketData;
using Fibo.Actors.Domain.Prediction;
using Fibo.Actors.Domain.Trading;
using Fibo.Actors.Hosting.Options;
using Fibo.Messages.MarketData;
using Fibo.Messages.Primitives;
using Fibo.Messages.Trading;

namespace Fibo.Actors.Actors.MarketData;

/// <summary>
/// One candle series (the <c>candle-series</c> entity). For each <see cref="IngestCandle"/>, in order:
/// <list type="number">
/// <item>validate (refused → <see cref="IngestOutcome.Rejected"/>, dead-lettered by the ingest stage);</item>
/// <item>dedupe: an open time before the last one, or the last one with the same values, is a
/// <see cref="IngestOutcome.Duplicate"/>; the last open time with new values is a revision: stored as an upsert and logged,
/// never fed to the features or traded again;</item>
/// <item>a gap after the last candle is filled first, from the store, then from the <see cref="ICandleHistorySource"/>;</item>
/// <item>the candle goes to the node's batching writer, which answers the Kafka ask only after its transaction committed;</item>
/// <item>the streaming features move on; when a window is full it is queued for a decision.</item>
/// </list>
/// Decisions run one candle at a time, in order, so each sees the position the previous one left: (a) while the series
/// has an order in flight the candle is offered to the executor first (a paper broker fills at this candle's open, as
/// the backtester's broker does before the policy runs), (b) the window goes to the node's predictor, (c) the policy
/// decides once per candle, (d) an intent goes to the executor, which answers with the position. Decisions never hold
/// up the Kafka acks (those depend on the store only) unless <c>MaxPendingDecisions</c> candles wait: then new candles
/// wait too, which backpressures Kafka. On start the entity reads its last candles back from the store (after the
/// writer committed everything it had), so a restarted entity continues where the store is.
/// </summary>
public sealed class SeriesActor : ReceiveActor, IWithUnboundedStash, IWithTimers
{
    private enum Step { Idle, Offer, Forecast, Place }

    /// <summary>One candle waiting for its decision; its forecast is asked for as soon as it is queued (forecasts do not depend on trading).</summary>
    private sealed class DecisionWork(Candle candle, double[]? window, bool decide, long arrivedTicks)
    {
        public Candle Candle { get; } = candle;
        public double[]? Window { get; } = window;
        public bool Decide { get; } = decide;
        public long ArrivedTicks { get; } = arrivedTicks;
        public bool Requested { get; set; }
        public WindowForecast? Forecast { get; set; }
        public bool Refused { get; set; }
    }

    /// <summary>Candles of one ingest message being processed (paused while a gap before one of them is filled).</summary>
    private sealed class IngestJob(IActorRef sender, IReadOnlyList<Candle> candles, SeriesKey series, bool single)
    {
        public IActorRef Sender { get; } = sender;
        public IReadOnlyList<Candle> Candles { get; } = candles;
        public SeriesKey Series { get; } = series;
        public bool Single { get; } = single;
        public CandleIngested[] Outcomes { get; } = new CandleIngested[candles.Count];
        public List<Candle> ToWrite { get; } = [];
        public int Next { get; set; }
    }

    private sealed record Initialized(CurrentModel? Model, SeriesPosition? Position, IReadOnlyList<Candle> Candles, bool Rebuild);

    private sealed record InitFailed(Exception Error);

    private sealed record Backfilled(long From, long To, IReadOnlyList<(Candle Candle, string? WriteSource)> Candles, int FromStore, int FromHistory);

    private sealed record BackfillFailed(long From, long To, Exception Error);

    private sealed class Watchdog
    {
        public static readonly Watchdog Instance = new();
    }

    public const string Source = "kafka";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly SeriesKey _series;
    private readonly Timeframe _tf;
    private readonly SeriesActorSettings _settings;
    private readonly SeriesDependencies _deps;
    private readonly TradingPolicy _policy;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Queue<DecisionWork> _queue = new();
    private readonly Dictionary<long, DecisionWork> _forecastsDue = new();
    private IngestJob? _job;
    private long? _gapFilledBefore;
    private IActorRef? _executors;

    private ModelSpec? _spec;
    private SeriesDecisionChain? _chain;
    private PolicyState _policyState; // the once-per-candle guard, kept across rebuilds of the chain
    private string? _modelProblem;
    private Candle? _last;
    private SeriesPosition _position;
    private string _state = "warming-up";

    private DecisionWork? _current;
    private Step _step;
    private long _stepStarted;
    private string? _awaitedOrder;
    private object? _executorMessage;
    private long _executorSent;
    private bool _throttled;

    private long _processed, _duplicates, _revisions, _rejected, _backfilled, _predictions, _decisions, _orders;
    private long? _lastPredictionOpenTime;
    private double? _lastRet, _lastVol;
    private string? _lastModelVersion;

    public IStash Stash { get; set; } = null!;
    public ITimerScheduler Timers { get; set; } = null!;

    public SeriesActor(SeriesKey series, SeriesActorSettings settings, SeriesDependencies dependencies)
    {
        _series = series;
        _tf = series.Timeframe;
        _settings = settings;
        _deps = dependencies;
        _policy = new TradingPolicy(settings.Policy);
        _position = SeriesPositions.Unknown(settings.Account, series);
        Starting();
    }

    private IActorRef Executors => _executors ??= _deps.Executors();

    protected override void PreStart()
    {
        Context.System.EventStream.Subscribe(Self, typeof(ModelChanged));
        Timers.StartPeriodicTimer("watchdog", Watchdog.Instance, TimeSpan.FromSeconds(1));
        Initialize(rebuild: false);
    }

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);

    // ------------------------------------------------------------------ states

    /// <summary>Reading the store (first start or a rebuild for another model): candles wait.</summary>
    private void Starting()
    {
        Receive<Initialized>(OnInitialized);
        Receive<InitFailed>(f => throw new InvalidOperationException($"{_series} could not start: {f.Error.Message}", f.Error));
        CommonHandlers();
        Receive<IngestCandle>(_ => Stash.Stash());
        Receive<IngestCandles>(_ => Stash.Stash());
        Receive<ModelChanged>(_ => Stash.Stash());
    }

    private void Running()
    {
        Receive<IngestCandle>(m =>
        {
            if (_throttled) Stash.Stash();
            else StartJob(new IngestJob(Sender, [m.Candle], m.Series, single: true));
        });
        Receive<IngestCandles>(m =>
        {
            if (_throttled) Stash.Stash();
            else StartJob(new IngestJob(Sender, m.Candles, m.Series, single: false));
        });
        Receive<ModelChanged>(OnModelChanged);
        CommonHandlers();
    }

    /// <summary>Filling a gap before the candle that revealed it: newer candles wait, decisions go on.</summary>
    private void Backfilling()
    {
        Receive<Backfilled>(OnBackfilled);
        Receive<BackfillFailed>(f =>
        {
            _log.Warning("{Series}: could not fill the gap {From}..{To}: {Error}; the features restart their window after it",
                _series, Iso(f.From), Iso(f.To), f.Error.Message);
            ResumeRunning();
        });
        Receive<IngestCandle>(_ => Stash.Stash());
        Receive<IngestCandles>(_ => Stash.Stash());
        Receive<ModelChanged>(_ => Stash.Stash());
        CommonHandlers();
    }

    private void CommonHandlers()
    {
        Receive<GetSeriesStatus>(_ => Sender.Tell(Status()));
        Receive<SeriesPosition>(UpdatePosition);
        Receive<CandleOffered>(OnCandleOffered);
        Receive<WindowForecast>(OnForecast);
        Receive<ForecastRefused>(OnForecastRefused);
        Receive<OrderPlacement>(OnPlacement);
        Receive<ExecutorUnavailable>(OnExecutorUnavailable);
        Receive<Watchdog>(_ => CheckTimeouts());
        // The store is behind what this entity holds in memory: start over from the store (with backoff, by the parent).
        Receive<CandleWriteFailed>(f => throw new InvalidOperationException(
            $"{_series}: the candle store could not write {Iso(f.OpenTime)} ({f.Reason}); rebuilding from the store"));
    }

    // ------------------------------------------------------------------ start and rebuild

    private void Initialize(bool rebuild)
    {
        _state = rebuild ? "rebuilding" : "warming-up";
        Become(Starting);
        var writer = _deps.Writer;
        var predictor = _deps.Predictor;
        var store = _deps.Store;
        var executors = rebuild ? null : Executors;
        var series = _series;
        var account = _settings.Account;
        var warmup = Math.Max(1, _settings.WarmupCandles);
        var executorTimeout = _settings.ExecutorTimeout;
        var resendEvery = _settings.ExecutorResendEvery;
        InitAsync().PipeTo(Self, failure: e => new InitFailed(e));

        async Task<Initialized> InitAsync()
        {
            // Writes this series asked for before (an earlier life of this entity) must be in the store before reading it.
            await writer.Ask<WritesCommitted>((IActorRef replyTo) => new WriteBarrier(replyTo, WritesCommitted.Instance), StartTimeout, CancellationToken.None);
            var model = await predictor.Ask<CurrentModel>(GetCurrentModel.Instance, StartTimeout);
            SeriesPosition? position = null;
            if (executors is not null)
            {
                // Asked again every few seconds: right after a node left or died the region may still send to the
                // executor's old home, and that message is lost.
                var deadline = Stopwatch.GetTimestamp() + (long)(executorTimeout.TotalSeconds * Stopwatch.Frequency);
                while (position is null && Stopwatch.GetTimestamp() < deadline)
                {
                    try
                    {
                        position = await executors.Ask<object>(new GetSeriesPosition(account, series), resendEvery) as SeriesPosition;
                    }
                    catch (AskTimeoutException)
                    {
                        // Unknown so far: the series treats it as "order pending" (no entry, no exit) and offers candles until told.
                    }
                    if (position is null) await Task.Delay(TimeSpan.FromMilliseconds(100));
                }
            }
            var candles = await store.ReadLastAsync(series, warmup);
            return new Initialized(model, position, candles, rebuild);
        }
    }

    private void OnInitialized(Initialized init)
    {
        SetModel(init.Model?.Spec, init.Model?.Problem);
        var redecideAfter = init.Rebuild ? null : RedecideAfter(init);
        var redecide = new List<Candle>();
        foreach (var c in init.Candles)
        {
            if (redecideAfter is { } after && c.OpenTime > after) redecide.Add(c);
            else _chain?.OnCandle(c);
        }
        if (init.Candles.Count > 0 && (_last is null || init.Candles[^1].OpenTime > _last.Value.OpenTime)) _last = init.Candles[^1];
        if (!init.Rebuild && init.Position is { } p) UpdatePosition(p);
        _log.Debug("{Series}: started from {Count} stored candles (last {Last}), model {Model}, position {Quantity}",
            _series, init.Candles.Count, _last is { } l ? Iso(l.OpenTime) : "none", _spec?.Version ?? "none", _position.Quantity);
        if (redecide.Count > 0)
        {
            _log.Info("{Series}: deciding again the {Count} stored candles from {From} (after the last intent, {LastIntent}): an earlier life may not have decided them",
                _series, redecide.Count, Iso(redecide[0].OpenTime), init.Position?.LastIntentOpenTime is { } li ? Iso(li) : "none");
            // The same candles, window and position give the same decisions; an intent made before has the same client order
            // id and the executor never sends it twice. The queue is bounded like any other: new candles wait if it is full.
            foreach (var c in redecide) Enqueue(c, decide: true);
        }
        ResumeRunning();
    }

    /// <summary>
    /// The open time after which stored candles are decided again on start, or null for none. Every candle after the
    /// series' last intent was decided (if at all) with the position the executor has now, because decisions without an
    /// intent change nothing: deciding them again is exact. An older candle is never redone (its position was another).
    /// Without a known position nothing is redone.
    /// </summary>
    private long? RedecideAfter(Initialized init)
    {
        if (init.Position is not { } position || init.Candles.Count == 0 || _settings.RedecideCandles <= 0) return null;
        var after = position.LastIntentOpenTime ?? long.MinValue;
        // Only the newest candles can be undecided (the decision queue is bounded).
        if (init.Candles.Count > _settings.RedecideCandles) after = Math.Max(after, init.Candles[^(_settings.RedecideCandles + 1)].OpenTime);
        // Live: a candle the stale guard refuses would only be held again, after a forecast for nothing.
        if (_settings.Clock == DecisionClock.Wall && _settings.Policy.StaleAfterPeriods is { } periods)
        {
            var now = _deps.Clock.GetUtcNow().ToUnixTimeMilliseconds();
            var freshFrom = now - periods * _tf.ApproximateMilliseconds; // the policy's stale rule: closed before this
            var firstFresh = init.Candles.Where(c => _tf.Add(c.OpenTime) >= freshFrom).Select(c => (long?)c.OpenTime).FirstOrDefault();
            after = firstFresh is { } f ? Math.Max(after, f - 1) : long.MaxValue;
        }
        return after;
    }

    private void SetModel(ModelSpec? spec, string? problem)
    {
        _spec = spec;
        _modelProblem = problem;
        _chain = null;
        if (spec is null) return;
        try
        {
            var window = new StreamingFeatureWindow(FeatureRegistry.Get(spec.FeatureSet), spec.Columns, spec.SeqLen, _tf);
            // The once-per-candle guard survives a rebuild: a candle decided before is never decided again.
            _chain = new SeriesDecisionChain(_settings.Account, _series, window, _policy, _policyState);
        }
        catch (Domain.InputException e)
        {
            _log.Error("{Series}: cannot build the inputs of model {Version}: {Error}; not trading", _series, spec.Version, e.Message);
            _modelProblem = e.Message;
            _spec = null;
        }
    }

    private void OnModelChanged(ModelChanged changed)
    {
        if (changed.Spec is { } spec && spec.SameInputs(_spec))
        {
            _spec = spec; // a new version with the same inputs: the window stays valid
            return;
        }
        _log.Info("{Series}: model inputs changed to {Model}; rebuilding the feature window from the store", _series, changed.Spec?.Version ?? "none");
        _policyState = _chain?.State ?? _policyState;
        Initialize(rebuild: true);
    }

    private void ResumeRunning()
    {
        _state = _spec is null ? "no-model" : "running";
        Become(Running);
        // A message paused by a gap goes on first: the messages that waited behind it come after.
        if (_job is not null) RunJob();
        Stash.UnstashAll();
        Pump();
    }

    // ------------------------------------------------------------------ ingest

    private void StartJob(IngestJob job)
    {
        _job = job;
        RunJob();
    }

    /// <summary>
    /// Processes the job's candles in order; a gap before one pauses the job (it resumes after the backfill). When all are
    /// done, the new and revised candles go to the writer in one message, and the answer follows the writer's barrier, so it
    /// is sent only once every candle of the message is durable.
    /// </summary>
    private void RunJob()
    {
        var job = _job!;
        while (job.Next < job.Candles.Count)
        {
            var c = job.Candles[job.Next];
            if (job.Series == _series && c.IsClosed && CandleValidator.IsWellFormed(c, _tf) && _last is { } last && c.OpenTime > _tf.Add(last.OpenTime)
                && c.OpenTime != _gapFilledBefore) // once per gap: what no source had stays a gap
            {
                StartBackfill(last.OpenTime, c.OpenTime);
                return;
            }
            job.Outcomes[job.Next++] = IngestOne(job, c);
        }
        _job = null;
        if (job.ToWrite.Count > 0) _deps.Writer.Tell(new WriteCandles(_series, job.ToWrite, Source, ActorRefs.Nobody, WritesCommitted.Instance));
        object answer = job.Single ? job.Outcomes[0] : new CandlesIngested(_series, job.Outcomes);
        // Rejections change nothing and are answered at once; anything else once the writes before it are durable.
        if (job.Single && job.Outcomes[0].Outcome == IngestOutcome.Rejected) job.Sender.Tell(answer);
        else _deps.Writer.Tell(new WriteBarrier(job.Sender, answer));
    }

    private CandleIngested IngestOne(IngestJob job, Candle c)
    {
        if (job.Series != _series) return Reject(c, $"routed to the entity of {_series}");
        if (!c.IsClosed) return Reject(c, "the candle is not closed: only closed candles are ingested");
        if (!CandleValidator.IsWellFormed(c, _tf))
        {
            var problems = new List<(string Field, string Value, string Problem)>();
            CandleValidator.CollectValueProblems(c, _tf, problems);
            return Reject(c, string.Join("; ", problems.Select(p => $"{p.Field} {p.Value}: {p.Problem}")));
        }
        if (_last is { } last)
        {
            if (c.OpenTime < last.OpenTime || (c.OpenTime == last.OpenTime && SameValues(c, last)))
            {
                // Durable already, or about to be: the answer waits for the writer's barrier like every other.
                _duplicates++;
                return new CandleIngested(_series, c.OpenTime, IngestOutcome.Duplicate);
            }
            if (c.OpenTime == last.OpenTime)
            {
                // Revision policy: the exchange corrected a candle we already have. Store the new values (upsert) so the
                // store is right; the features and the decision already used the old ones and are not redone.
                _revisions++;
                _log.Info("{Series}: revised candle {OpenTime} (close {Old} → {New}): stored, not traded again", _series, Iso(c.OpenTime), last.Close, c.Close);
                _last = c;
                job.ToWrite.Add(c);
                return new CandleIngested(_series, c.OpenTime, IngestOutcome.Stored);
            }
        }
        _processed++;
        _last = c;
        job.ToWrite.Add(c);
        Enqueue(c, decide: true);
        return new CandleIngested(_series, c.OpenTime, IngestOutcome.Stored);
    }

    private CandleIngested Reject(Candle c, string reason)
    {
        _rejected++;
        return new CandleIngested(_series, c.OpenTime, IngestOutcome.Rejected, reason);
    }

    private static bool SameValues(in Candle a, in Candle b) =>
        a.Open.Equals(b.Open) && a.High.Equals(b.High) && a.Low.Equals(b.Low) && a.Close.Equals(b.Close) && a.Volume.Equals(b.Volume);

    private void Enqueue(Candle c, bool decide)
    {
        double[]? window = null;
        if (_chain is not null && _chain.OnCandle(c))
        {
            window = new double[_chain.WindowSize];
            _chain.CopyWindowTo(window);
        }
        var work = new DecisionWork(c, window, decide, Stopwatch.GetTimestamp());
        if (window is not null && decide && _spec is not null)
        {
            work.Requested = true;
            _forecastsDue[c.OpenTime] = work;
            _deps.Predictor.Tell(new PredictWindow(_series, c.OpenTime, _spec.FeatureHash, _spec.SeqLen, window));
        }
        _queue.Enqueue(work);
        if (_queue.Count >= _settings.MaxPendingDecisions) _throttled = true;
        Pump();
    }

    // ------------------------------------------------------------------ gaps

    private void StartBackfill(long lastOpenTime, long nextOpenTime)
    {
        _gapFilledBefore = nextOpenTime;
        _state = "backfilling";
        Become(Backfilling);
        var from = _tf.Add(lastOpenTime);
        var to = _tf.Add(nextOpenTime, -1);
        var store = _deps.Store;
        var history = _deps.History;
        var series = _series;
        var tf = _tf;
        FillAsync().PipeTo(Self, failure: e => new BackfillFailed(from, to, e));

        async Task<Backfilled> FillAsync()
        {
            var stored = await store.ReadRangeAsync(series, from, to);
            var result = stored.Select(c => (c, (string?)null)).ToList();
            var fromHistory = 0;
            var expected = tf.CandlesBetween(from, to) + 1;
            if (history is not null && stored.Count < expected)
            {
                var have = stored.Select(c => c.OpenTime).ToHashSet();
                // Ask the history source only for the holes the store could not fill.
                foreach (var (holeFrom, holeTo) in Holes(tf, from, to, have))
                {
                    foreach (var c in await history.FetchAsync(series, holeFrom, holeTo))
                    {
                        if (c.OpenTime < holeFrom || c.OpenTime > holeTo || !have.Add(c.OpenTime) || !c.IsClosed || !CandleValidator.IsWellFormed(c, tf)) continue;
                        result.Add((c, history.Name));
                        fromHistory++;
                    }
                }
                result.Sort((a, b) => a.c.OpenTime.CompareTo(b.c.OpenTime));
            }
            return new Backfilled(from, to, result, stored.Count, fromHistory);
        }
    }

    /// <summary>The runs of missing open times between <paramref name="from"/> and <paramref name="to"/>.</summary>
    private static IEnumerable<(long From, long To)> Holes(Timeframe tf, long from, long to, IReadOnlySet<long> have)
    {
        long? start = null, previous = null;
        for (var t = from; t <= to; t = tf.Add(t))
        {
            if (!have.Contains(t)) start ??= t;
            else if (start is { } s)
            {
                yield return (s, previous!.Value);
                start = null;
            }
            previous = t;
        }
        if (start is { } open) yield return (open, to);
    }

    private void OnBackfilled(Backfilled b)
    {
        var expected = _tf.CandlesBetween(b.From, b.To) + 1;
        var fetched = b.Candles.Where(x => x.WriteSource is not null).GroupBy(x => x.WriteSource!);
        foreach (var group in fetched)
            _deps.Writer.Tell(new WriteCandles(_series, group.Select(x => x.Candle).ToList(), group.Key, ActorRefs.Nobody, WritesCommitted.Instance));
        foreach (var (c, _) in b.Candles)
        {
            if (_last is { } last && c.OpenTime <= last.OpenTime) continue;
            _backfilled++;
            _last = c;
            // Past candles feed the features (and an order in flight may fill on them); only the newest is decided.
            Enqueue(c, decide: false);
        }
        var filled = b.FromStore + b.FromHistory;
        var gap = $"{Iso(b.From)}..{Iso(b.To)}";
        var found = $"{b.FromStore} in the store, {b.FromHistory} from history";
        if (filled < expected)
            _log.Warning("{Series}: gap {Gap}: {Filled} of {Expected} missing candles found ({Found})", _series, gap, filled, expected, found);
        else
            _log.Info("{Series}: filled the gap {Gap} with {Filled} candles ({Found})", _series, gap, filled, found);
        ResumeRunning();
    }

    // ------------------------------------------------------------------ decisions, one candle at a time

    private void Pump()
    {
        while (_step == Step.Idle && _queue.Count > 0)
        {
            _current = _queue.Dequeue();
            if (_position.HasPendingOrder)
            {
                Await(Step.Offer);
                SendToExecutor(new OfferCandle(_settings.Account, _series, _current.Candle));
                return;
            }
            if (TryForecast()) return;
            Finish();
        }
    }

    private void Await(Step step)
    {
        _step = step;
        _stepStarted = Stopwatch.GetTimestamp();
    }

    /// <summary>Sends a step's message to the executor region and remembers it, so the watchdog can send it again.</summary>
    private void SendToExecutor(object message)
    {
        _executorMessage = message;
        _executorSent = Stopwatch.GetTimestamp();
        Executors.Tell(message);
    }

    /// <summary>Decides the current candle once its forecast is in (or moves on when it has none); false while it waits.</summary>
    private bool TryForecast()
    {
        var work = _current!;
        if (!work.Requested || work.Refused || _chain is null) return false;
        if (work.Forecast is null)
        {
            Await(Step.Forecast);
            return true;
        }
        return Decide(work, work.Forecast);
    }

    private void OnCandleOffered(CandleOffered offered)
    {
        UpdatePosition(offered.Position);
        if (_step != Step.Offer || _current?.Candle.OpenTime != offered.CandleOpenTime) return;
        if (!TryForecast()) Next();
    }

    private void OnForecast(WindowForecast f)
    {
        if (!_forecastsDue.Remove(f.OpenTime, out var work)) return;
        work.Forecast = f;
        _predictions++;
        _lastPredictionOpenTime = f.OpenTime;
        _lastRet = f.Forecast.Ret;
        _lastVol = double.IsFinite(f.Forecast.Vol) ? f.Forecast.Vol : null;
        _lastModelVersion = f.ModelVersion;
        if (_step == Step.Forecast && ReferenceEquals(_current, work) && !Decide(work, f)) Next();
    }

    /// <summary>The policy's decision on the candle; true when an intent went to the executor (its answer ends the step).</summary>
    private bool Decide(DecisionWork work, WindowForecast f)
    {
        var candle = work.Candle;
        var now = NowFor(candle);
        var decision = _chain!.Decide(candle, f.Forecast, _position.View(), _position.Risk(now), now);
        _decisions++;
        if (decision.Intent is not { } intent) return false;
        Await(Step.Place);
        _awaitedOrder = intent.ClientOrderId;
        SendToExecutor(new PlaceOrder(_settings.Account, intent, now));
        return true;
    }

    private void OnForecastRefused(ForecastRefused refused)
    {
        if (!_forecastsDue.Remove(refused.OpenTime, out var work)) return;
        work.Refused = true;
        _log.Debug("{Series}: no forecast for {OpenTime}: {Reason}", _series, Iso(refused.OpenTime), refused.Reason);
        if (_step == Step.Forecast && ReferenceEquals(_current, work)) Next();
    }

    private void OnPlacement(OrderPlacement placement)
    {
        if (placement.Position is { } p) UpdatePosition(p);
        if (_step != Step.Place || placement.ClientOrderId != _awaitedOrder) return;
        _deps.Metrics.OrderAnswered(placement.Accepted);
        if (placement.Accepted) _orders++;
        else _log.Info("{Series}: order {Id} refused: {Reason}", _series, placement.ClientOrderId, placement.Reason);
        Next();
    }

    private void OnExecutorUnavailable(ExecutorUnavailable u)
    {
        if (_step is not (Step.Offer or Step.Place)) return;
        _log.Warning("{Series}: executor {Account} unavailable: {Reason}", _series, u.Account, u.Reason);
        if (_step == Step.Offer && TryForecast()) return;
        Next();
    }

    private void CheckTimeouts()
    {
        if (_step == Step.Idle) return;
        var waited = Stopwatch.GetElapsedTime(_stepStarted);
        var limit = _step == Step.Forecast ? _settings.PredictTimeout : _settings.ExecutorTimeout;
        if (waited < limit)
        {
            // The executor dedupes offers and intents: sending again is safe, and needed when its node died or handed it off.
            if (_step is Step.Offer or Step.Place && _executorMessage is not null && Stopwatch.GetElapsedTime(_executorSent) >= _settings.ExecutorResendEvery)
            {
                _log.Info("{Series}: no answer from executor {Account} for candle {OpenTime} after {Seconds:0.0} s; sending {Message} again",
                    _series, _settings.Account, Iso(_current!.Candle.OpenTime), waited.TotalSeconds, _executorMessage.GetType().Name);
                SendToExecutor(_executorMessage);
            }
            return;
        }
        _log.Warning("{Series}: no answer to {Step} for candle {OpenTime} after {Seconds:0.0} s", _series, _step, Iso(_current!.Candle.OpenTime), waited.TotalSeconds);
        switch (_step)
        {
            case Step.Offer:
                if (TryForecast()) return;
                break;
            case Step.Forecast:
                _forecastsDue.Remove(_current.Candle.OpenTime);
                break;
            case Step.Place:
                // The order may exist: hold everything for this series until the executor says what happened.
                _position = _position with { HasPendingOrder = true };
                break;
        }
        Next();
    }

    /// <summary>The current candle's decision is done: record it and move to the next queued candle.</summary>
    private void Next()
    {
        Finish();
        Pump();
    }

    private void Finish()
    {
        if (_current is { Forecast: not null } work)
            _deps.Metrics.Decided(Stopwatch.GetElapsedTime(work.ArrivedTicks).TotalMicroseconds);
        _current = null;
        _step = Step.Idle;
        _awaitedOrder = null;
        _executorMessage = null;
        if (_throttled && _queue.Count <= _settings.MaxPendingDecisions / 2)
        {
            _throttled = false;
            Stash.UnstashAll();
        }
    }

    private void UpdatePosition(SeriesPosition p)
    {
        if (p.Series != _series || p.Account != _settings.Account) return;
        if (p.Sequence >= _position.Sequence || _position.Sequence < 0) _position = p;
    }

    private long NowFor(in Candle candle) =>
        _settings.Clock == DecisionClock.Candle ? _tf.Add(candle.OpenTime) : _deps.Clock.GetUtcNow().ToUnixTimeMilliseconds();

    // ------------------------------------------------------------------ status

    private SeriesStatus Status()
    {
        var window = _chain?.Window as StreamingFeatureWindow;
        return new SeriesStatus(_series, _last, _processed, window?.Fill ?? 0, _spec?.SeqLen ?? 0,
            _lastPredictionOpenTime, _lastRet, _lastVol, _lastModelVersion ?? _spec?.Version,
            _duplicates, _revisions, _rejected, _backfilled, _predictions, _decisions, _orders,
            _queue.Count + (_current is null ? 0 : 1), _settings.Account, _position.Quantity, _position.AverageEntryPrice,
            _position.HasPendingOrder, _state == "no-model" && _modelProblem is not null ? $"no-model: {_modelProblem}" : _state);
    }

    private static string Iso(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm'Z'");
}
