using Akka.Actor;
using Akka.Event;
using Akka.Streams;
using Fibo.Actors.Hosting.Options;
using Fibo.Actors.Infrastructure.DeadLetters;
using Fibo.Actors.Infrastructure.Kafka;

namespace Fibo.Actors.Actors.Ingest;

/// <summary>Asks the ingest actor for <see cref="IngestStats"/>.</summary>
public sealed class GetIngestStats
{
    public static readonly GetIngestStats Instance = new();
    private GetIngestStats() { }
}

/// <summary>What the node's candle ingest has done: totals over every run of its stream since the node started.</summary>
public sealed record IngestStats(
    bool Running, long Stored, long Duplicates, long DeadLettered, long InFlight, long RecordsConsumed, long Commits, int Restarts, string? LastError);

/// <summary>Stops the stream gracefully (in-flight candles get their acks, acked offsets are committed); answered with <see cref="IngestStopped"/>.</summary>
public sealed class StopIngest
{
    public static readonly StopIngest Instance = new();
    private StopIngest() { }
}

public sealed class IngestStopped
{
    public static readonly IngestStopped Instance = new();
    private IngestStopped() { }
}

/// <summary>
/// The ingest role's owner of the Kafka → <c>candle-series</c> stream (<see cref="CandleBatchIngestStream"/>): it runs the
/// stream and, when the stream fails (an entity did not answer in time, the consumer broke), starts it again after an
/// exponential backoff; the new stream resumes at the committed offsets, so only candles without a durable ack come again.
/// </summary>
public sealed class CandleIngestActor : ReceiveActor, IWithTimers
{
    private sealed record StreamEnded(CandleIngestControl Control, Exception? Error);

    private sealed class Start
    {
        public static readonly Start Instance = new();
    }

    private readonly KafkaOptions _kafka;
    private readonly PipelineOptions _pipeline;
    private readonly Func<string> _bootstrapServers;
    private readonly IActorRef _target;
    private readonly IDeadLetterStore _deadLetters;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private IMaterializer? _materializer;
    private CandleIngestControl? _control;
    private readonly List<CandleIngestControl> _finished = [];
    private int _restarts, _failuresInARow;
    private string? _lastError;
    private bool _stopping;

    public ITimerScheduler Timers { get; set; } = null!;

    public CandleIngestActor(KafkaOptions kafka, PipelineOptions pipeline, Func<string> bootstrapServers, IActorRef target, IDeadLetterStore deadLetters)
    {
        _kafka = kafka;
        _pipeline = pipeline;
        _bootstrapServers = bootstrapServers;
        _target = target;
        _deadLetters = deadLetters;

        Receive<Start>(_ => StartStream());
        Receive<StreamEnded>(OnStreamEnded);
        Receive<GetIngestStats>(_ => Sender.Tell(Stats()));
        Receive<StopIngest>(_ =>
        {
            _stopping = true;
            Timers.CancelAll();
            var control = _control;
            var sender = Sender;
            if (control is null)
            {
                sender.Tell(IngestStopped.Instance);
                return;
            }
            control.StopAsync().ContinueWith(_ => (object)IngestStopped.Instance, TaskScheduler.Default).PipeTo(sender);
        });
    }

    protected override void PreStart() => Self.Tell(Start.Instance);

    protected override void PostStop() => _control?.Consumer.StopAsync();

    private void StartStream()
    {
        if (_stopping) return;
        // One materializer for the actor's life, never disposed (disposing one shuts every materializer down).
        _materializer ??= Context.System.Materializer();
        try
        {
            var control = CandleBatchIngestStream.Run(KafkaConsumerSettings.ForCandles(_kafka, _bootstrapServers()), _target, _deadLetters,
                _kafka.MaxInFlight, _pipeline.IngestBatchMax, TimeSpan.FromMilliseconds(_kafka.AskTimeoutMs), _materializer);
            _control = control;
            var self = Self;
            control.Completion.ContinueWith(t => self.Tell(new StreamEnded(control, t.Exception?.GetBaseException())), TaskScheduler.Default);
            _log.Info("candle ingest consuming {Topic} as group {Group}", _kafka.Topic, _kafka.GroupId);
        }
        catch (Exception e) when (e is Confluent.Kafka.KafkaException or ArgumentException or InvalidOperationException)
        {
            Self.Tell(new StreamEnded(null!, e));
        }
    }

    private void OnStreamEnded(StreamEnded ended)
    {
        if (ended.Control is not null)
        {
            if (!ReferenceEquals(ended.Control, _control)) return;
            _finished.Add(ended.Control);
            _control = null;
        }
        if (_stopping) return;
        if (ended.Error is null)
        {
            _failuresInARow = 0;
            _log.Warning("candle ingest stream ended; starting it again");
        }
        else
        {
            _failuresInARow++;
            _lastError = ended.Error.Message;
        }
        _restarts++;
        var ms = Math.Min(_pipeline.IngestBackoffMaxMs, _pipeline.IngestBackoffMinMs * Math.Pow(2, Math.Max(0, _failuresInARow - 1)));
        if (ended.Error is not null)
            _log.Warning("candle ingest stream failed ({Error}); restarting in {Delay} ms from the committed offsets", ended.Error.Message, (int)ms);
        Timers.StartSingleTimer("start", Start.Instance, TimeSpan.FromMilliseconds(ms));
    }

    private IngestStats Stats()
    {
        var all = _finished.Append(_control).Where(c => c is not null).Select(c => c!).ToList();
        return new IngestStats(_control is not null,
            all.Sum(c => c.Counters.Stored), all.Sum(c => c.Counters.Duplicates), all.Sum(c => c.Counters.DeadLettered),
            _control?.Counters.InFlight ?? 0, all.Sum(c => c.Consumer.RecordsConsumed), all.Sum(c => c.Consumer.Commits), _restarts, _lastError);
    }
}
