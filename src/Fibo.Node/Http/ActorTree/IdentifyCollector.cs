using Akka.Actor;

namespace Fibo.Node.Http.ActorTree;

/// <summary>
/// Sends one <see cref="Identify"/> to a wildcard selection (<c>path/*</c>) and gathers every <see cref="ActorIdentity"/>
/// that comes back. A wildcard has no "that was all" answer, so the collector finishes once no reply came for a quiet
/// period (or at a hard deadline) and stops itself.
/// </summary>
internal sealed class IdentifyCollector : ReceiveActor, IWithTimers
{
    private sealed class Quiet
    {
        public static readonly Quiet Instance = new();
    }

    private sealed class Deadline
    {
        public static readonly Deadline Instance = new();
    }

    private readonly ActorSelection _selection;
    private readonly TaskCompletionSource<IReadOnlyList<IActorRef>> _done;
    private readonly TimeSpan _quiet;
    private readonly TimeSpan _deadline;
    private readonly List<IActorRef> _found = [];

    public IdentifyCollector(ActorSelection selection, TaskCompletionSource<IReadOnlyList<IActorRef>> done, TimeSpan quiet, TimeSpan deadline)
    {
        _selection = selection;
        _done = done;
        _quiet = quiet;
        _deadline = deadline;
        Receive<ActorIdentity>(identity =>
        {
            if (identity.Subject is { } subject) _found.Add(subject);
            Timers.StartSingleTimer(nameof(Quiet), Quiet.Instance, _quiet);
        });
        Receive<Quiet>(_ => Finish());
        Receive<Deadline>(_ => Finish());
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(ActorSelection selection, TaskCompletionSource<IReadOnlyList<IActorRef>> done, TimeSpan quiet, TimeSpan deadline) =>
        Akka.Actor.Props.Create(() => new IdentifyCollector(selection, done, quiet, deadline));

    protected override void PreStart()
    {
        _selection.Tell(new Identify(null), Self);
        Timers.StartSingleTimer(nameof(Quiet), Quiet.Instance, _quiet);
        Timers.StartSingleTimer(nameof(Deadline), Deadline.Instance, _deadline);
    }

    protected override void PostStop() => _done.TrySetResult(_found.ToList());

    private void Finish()
    {
        _done.TrySetResult(_found.DistinctBy(a => a.Path.ToString()).ToList());
        Context.Stop(Self);
    }
}
