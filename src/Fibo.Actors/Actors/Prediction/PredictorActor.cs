using Akka.Actor;
using Akka.Event;
using Fibo.Actors.Actors.Common;
using Fibo.Actors.Domain.Prediction;

namespace Fibo.Actors.Actors.Prediction;

/// <summary>
/// The node's one model (never one per entity), on the inference dispatcher. Windows that arrive together from many
/// series go through one forward pass: a request starts a batch, the batch is run after the requests already queued in
/// the mailbox (or after <c>batchWait</c>) or as soon as it holds <c>maxBatch</c> windows, and each request gets its own
/// answer. When the registry promotes another version the new snapshot is loaded and swapped in between batches (the
/// old one is disposed right away: no forward is running at that point), and the series entities are told on the event
/// stream when the model's inputs change.
/// </summary>
public sealed class PredictorActor : ReceiveActor, IWithTimers
{
    private sealed class Flush
    {
        public static readonly Flush Instance = new();
    }

    private sealed class Reload
    {
        public static readonly Reload Instance = new();
    }

    private readonly IForecastSource _source;
    private readonly PipelineMetrics _metrics;
    private readonly int _maxBatch;
    private readonly TimeSpan _batchWait;
    private readonly TimeSpan _pollInterval;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly List<(PredictWindow Request, IActorRef Sender)> _batch = [];
    private ServedModel? _model;
    private string? _problem;
    private IDisposable? _watch;
    private bool _flushPending;
    private long _requests, _forecasts, _refused, _batches, _reloads;
    private int _largestBatch;
    private string? _lastError;

    public ITimerScheduler Timers { get; set; } = null!;

    public PredictorActor(IForecastSource source, PipelineMetrics metrics, int maxBatch, TimeSpan batchWait, TimeSpan pollInterval)
    {
        _source = source;
        _metrics = metrics;
        _maxBatch = Math.Max(1, maxBatch);
        _batchWait = batchWait;
        _pollInterval = pollInterval;

        Receive<PredictWindow>(r =>
        {
            _requests++;
            _batch.Add((r, Sender));
            if (_batch.Count >= _maxBatch) RunBatch();
            else if (!_flushPending)
            {
                _flushPending = true;
                if (_batchWait > TimeSpan.Zero) Timers.StartSingleTimer("flush", Flush.Instance, _batchWait);
                else Self.Tell(Flush.Instance);
            }
        });
        Receive<Flush>(_ =>
        {
            _flushPending = false;
            if (_batch.Count > 0) RunBatch();
        });
        Receive<GetCurrentModel>(_ => Sender.Tell(new CurrentModel(_model?.Spec, _problem)));
        Receive<GetPredictorStats>(_ => Sender.Tell(new PredictorStats(_model?.Spec.Version, _source.Kind, _requests, _forecasts, _refused,
            _batches, _largestBatch, _reloads, _lastError)));
        Receive<Reload>(_ => Load(initial: false));
    }

    protected override void PreStart()
    {
        Load(initial: true);
        var self = Self;
        _watch = _source.Watch(() => self.Tell(Reload.Instance), _pollInterval);
    }

    protected override void PostStop()
    {
        _watch?.Dispose();
        _model?.Dispose();
        _model = null;
    }

    private void Load(bool initial)
    {
        // Requests collected for the old model are answered by it before it goes.
        if (_batch.Count > 0) RunBatch();
        ServedModel? next;
        try
        {
            (next, var problem) = _source.Load();
            if (next is null && _model is not null)
            {
                // Nothing loadable is promoted now (e.g. the promotion file is being rewritten): like a broken artifact,
                // that never replaces a working model.
                _lastError = problem;
                _log.Warning("predictor found no model to load: {Problem}; keeping {Current}", problem, _model.Spec.Version);
                return;
            }
            if (next is null)
            {
                _log.Warning("predictor has no model: {Problem}; series store candles but do not trade", problem);
                _problem = problem;
            }
        }
        catch (Exception e) when (e is Domain.InputException or IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
        {
            // A bad artifact never replaces a working model.
            _lastError = e.Message;
            _log.Error("predictor could not load the promoted model: {Error}; keeping {Current}", e.Message, _model?.Spec.Version ?? "no model");
            if (_model is null) _problem = e.Message;
            return;
        }
        if (next is null && _model is null) return;
        if (next is not null && _model is not null && next.Spec.Version == _model.Spec.Version && next.Spec.SameInputs(_model.Spec))
        {
            next.Dispose();
            return;
        }
        var old = _model;
        _model = next;
        if (next is not null) _problem = null;
        if (!initial) _reloads++;
        old?.Dispose();
        _log.Info("predictor serves {Version} ({Set}, {Columns} features, seq_len {SeqLen})", next?.Spec.Version ?? "no model",
            next?.Spec.FeatureSet ?? "-", next?.Spec.Columns.Count ?? 0, next?.Spec.SeqLen ?? 0);
        Context.System.EventStream.Publish(new ModelChanged(next?.Spec));
    }

    private void RunBatch()
    {
        var model = _model;
        var spec = model?.Spec;
        var accepted = new List<(PredictWindow Request, IActorRef Sender)>(_batch.Count);
        foreach (var item in _batch)
        {
            var r = item.Request;
            if (spec is null) Refuse(item, _problem ?? "no model loaded");
            else if (r.FeatureHash != spec.FeatureHash || r.SeqLen != spec.SeqLen || r.Window.Length != spec.WindowSize)
                Refuse(item, $"the window was built for other model inputs than {spec.Version}'s");
            else accepted.Add(item);
        }
        _batch.Clear();
        if (accepted.Count == 0) return;

        var size = spec!.WindowSize;
        try
        {
            Forward(model!, accepted, size);
        }
        catch (Exception e) when (e is Domain.InputException or ArgumentException)
        {
            // One bad window must not cost the others their forecast: retry them one by one.
            _lastError = e.Message;
            foreach (var item in accepted)
            {
                try
                {
                    Forward(model!, [item], size);
                }
                catch (Exception one) when (one is Domain.InputException or ArgumentException)
                {
                    Refuse(item, one.Message);
                }
            }
        }
    }

    private void Forward(ServedModel model, List<(PredictWindow Request, IActorRef Sender)> items, int size)
    {
        var windows = new double[items.Count * size];
        for (var i = 0; i < items.Count; i++) items[i].Request.Window.AsSpan(0, size).CopyTo(windows.AsSpan(i * size, size));
        var results = new Forecast[items.Count];
        model.Forecaster.Predict(windows, results);
        _batches++;
        _forecasts += items.Count;
        _largestBatch = Math.Max(_largestBatch, items.Count);
        _metrics.Predicted(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var r = items[i].Request;
            items[i].Sender.Tell(new WindowForecast(r.Series, r.OpenTime, results[i], model.Spec.Version));
        }
    }

    private void Refuse((PredictWindow Request, IActorRef Sender) item, string reason)
    {
        _refused++;
        item.Sender.Tell(new ForecastRefused(item.Request.Series, item.Request.OpenTime, reason, _model?.Spec));
    }
}
