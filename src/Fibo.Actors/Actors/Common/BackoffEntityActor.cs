using Akka.Actor;
using Akka.Event;

namespace Fibo.Actors.Actors.Common;

/// <summary>A child tells its <see cref="BackoffEntityActor"/> why it is about to stop (e.g. its journal failed).</summary>
public sealed record EntityFailed(string Reason, bool JournalFailure);

/// <summary>
/// A child tells its parent it has dealt with the previous journal failure (the executor journaled its halt), so later
/// incarnations need not know about it any more. Until then every incarnation is told.
/// </summary>
public sealed class JournalFailureHandled
{
    public static readonly JournalFailureHandled Instance = new();
    private JournalFailureHandled() { }
}

/// <summary>Which life of an entity's child this is, and why the previous one ended.</summary>
/// <param name="Number">1 for the first child, then one more per restart.</param>
/// <param name="PreviousFailure">Why the previous child failed (null for the first).</param>
/// <param name="PreviousJournalFailure">True when the previous child stopped because its journal failed.</param>
public sealed record EntityIncarnation(int Number, string? PreviousFailure, bool PreviousJournalFailure);

/// <summary>How a <see cref="BackoffEntityActor"/> runs its child.</summary>
/// <param name="ChildProps">Props of the next incarnation.</param>
/// <param name="WhileDown">
/// The immediate answer to a message that arrives while the child is down (given the failure reason), or null to keep the
/// message and deliver it to the next incarnation (up to <see cref="BufferCapacity"/> messages, in order).
/// </param>
public sealed record BackoffEntitySettings(
    string EntityName,
    Func<EntityIncarnation, Props> ChildProps,
    TimeSpan MinBackoff,
    TimeSpan MaxBackoff,
    Func<object, string, object?> WhileDown,
    int BufferCapacity = 100_000);

/// <summary>
/// The sharded entity around a stateful child: it forwards every message to the child, and when the child fails (an
/// exception, or a stop it announced with <see cref="EntityFailed"/>) it restarts it after an exponential backoff
/// (min → max, reset after a child lived 30 s). Meanwhile messages are answered by <see cref="BackoffEntitySettings.WhileDown"/>
/// or kept and handed to the new child in their original order with their original senders, so nothing a Kafka ask
/// waits for is dropped. Unlike Akka's BackoffSupervisor, nothing goes to dead letters during the backoff.
/// </summary>
public sealed class BackoffEntityActor : ReceiveActor, IWithTimers
{
    private sealed class RestartChild
    {
        public static readonly RestartChild Instance = new();
    }

    private static readonly TimeSpan StableAfter = TimeSpan.FromSeconds(30);

    private readonly BackoffEntitySettings _settings;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Queue<(object Message, IActorRef Sender)> _buffer = new();
    private IActorRef? _child;
    private bool _up;
    private DateTime _childStarted;
    private string? _lastFailure;
    private string? _journalFailure;
    private bool _lastWasJournalFailure;
    private int _failures;
    private int _incarnation;

    public ITimerScheduler Timers { get; set; } = null!;

    public BackoffEntityActor(BackoffEntitySettings settings)
    {
        _settings = settings;
        Receive<EntityFailed>(f =>
        {
            // The child is about to stop: from now on messages wait for (or are answered instead of) the next one.
            _up = false;
            _lastFailure = f.Reason;
            if (f.JournalFailure)
            {
                _lastWasJournalFailure = true;
                _journalFailure = f.Reason;
            }
        });
        Receive<JournalFailureHandled>(_ =>
        {
            _lastWasJournalFailure = false;
            _journalFailure = null;
        });
        Receive<Terminated>(t => t.ActorRef.Equals(_child), _ => ChildStopped());
        Receive<RestartChild>(_ => StartChild());
        ReceiveAny(m =>
        {
            if (_up && _child is not null)
            {
                _child.Forward(m);
                return;
            }
            var reason = $"{_settings.EntityName} is restarting after a failure: {_lastFailure ?? "unknown"}";
            if (_settings.WhileDown(m, reason) is { } answer)
            {
                Sender.Tell(answer);
                return;
            }
            if (_buffer.Count >= _settings.BufferCapacity)
            {
                _log.Warning("{Entity}: restart buffer full ({Capacity}); dropping {Message}", _settings.EntityName, _settings.BufferCapacity, m.GetType().Name);
                return;
            }
            _buffer.Enqueue((m, Sender));
        });
    }

    protected override void PreStart() => StartChild();

    // A failing child is stopped, not restarted in place: the restart happens after the backoff, as a new incarnation.
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(e =>
    {
        _up = false;
        _lastFailure = $"{e.GetType().Name}: {e.Message}";
        _log.Error(e, "{Entity} failed", _settings.EntityName);
        return Directive.Stop;
    });

    private void StartChild()
    {
        _incarnation++;
        var incarnation = _lastWasJournalFailure
            ? new EntityIncarnation(_incarnation, _journalFailure, true)
            : new EntityIncarnation(_incarnation, _incarnation > 1 ? _lastFailure ?? "stopped" : null, false);
        _child = Context.Watch(Context.ActorOf(_settings.ChildProps(incarnation), $"entity-{_incarnation}"));
        _up = true;
        _childStarted = DateTime.UtcNow;
        while (_buffer.Count > 0)
        {
            var (message, sender) = _buffer.Dequeue();
            _child.Tell(message, sender);
        }
    }

    private void ChildStopped()
    {
        _child = null;
        _up = false;
        if (DateTime.UtcNow - _childStarted > StableAfter) _failures = 0;
        _failures++;
        var ms = Math.Min(_settings.MaxBackoff.TotalMilliseconds, _settings.MinBackoff.TotalMilliseconds * Math.Pow(2, _failures - 1));
        var delay = TimeSpan.FromMilliseconds(ms * (0.8 + 0.4 * Random.Shared.NextDouble()));
        _log.Warning("{Entity} stopped ({Reason}); restarting in {Delay} ms (failure {Failures})",
            _settings.EntityName, _lastFailure ?? "no reason given", (int)delay.TotalMilliseconds, _failures);
        Timers.StartSingleTimer("restart", RestartChild.Instance, delay);
    }
}
