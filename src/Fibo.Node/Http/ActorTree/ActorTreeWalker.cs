using Akka.Actor;
using Fibo.Node.Http.Contracts;

namespace Fibo.Node.Http.ActorTree;

/// <summary>
/// <c>actor hierarchy</c>: identifies the actor at a path, then its children (<c>path/*</c>) level by level down to a
/// depth, siblings in parallel. Works for local paths (<c>/user</c>) and for other nodes' (<c>akka.tcp://fibo@host:port/user</c>).
/// </summary>
public sealed class ActorTreeWalker(ActorSystem system)
{
    public const int MaxDepth = 10;

    /// <summary>Children listed per actor; a shard region may run thousands of entities.</summary>
    public const int MaxChildren = 200;

    private const string CollectorPrefix = "fibo-identify-";

    public async Task<ActorNodeView> WalkAsync(string path, int depth, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(path) || !(path.StartsWith('/') || path.StartsWith("akka", StringComparison.Ordinal)))
            throw ApiException.BadRequest($"'{path}' is not an actor path: use an absolute path such as /user or /system/sharding");
        if (depth < 0 || depth > MaxDepth)
            throw ApiException.BadRequest($"depth {depth} is out of range: use 0 to {MaxDepth}");
        var normalized = path.Length > 1 ? path.TrimEnd('/') : path;
        var identity = await system.ActorSelection(normalized).Ask<ActorIdentity>(new Identify(normalized), AskTimeouts.Default, ct);
        if (identity.Subject is null) throw ApiException.NotFound($"no actor at {normalized}");
        return await NodeAsync(identity.Subject, depth, ct);
    }

    private async Task<ActorNodeView> NodeAsync(IActorRef actor, int depth, CancellationToken ct)
    {
        var path = actor.Path.Address.HasLocalScope ? actor.Path.ToStringWithoutAddress() : actor.Path.ToString();
        var name = actor.Path.Elements.Count == 0 ? "/" : actor.Path.Name;
        if (depth == 0) return new ActorNodeView(path, name, []);
        var children = (await ChildrenOfAsync(actor.Path))
            .Where(c => !c.Path.Name.StartsWith(CollectorPrefix, StringComparison.Ordinal))
            .OrderBy(c => c.Path.Name, StringComparer.Ordinal).ToList();
        var shown = children.Take(MaxChildren).ToList();
        var views = await Task.WhenAll(shown.Select(c => NodeAsync(c, depth - 1, ct)));
        return new ActorNodeView(path, name, views, Truncated: children.Count > shown.Count);
    }

    private Task<IReadOnlyList<IActorRef>> ChildrenOfAsync(ActorPath path)
    {
        var done = new TaskCompletionSource<IReadOnlyList<IActorRef>>(TaskCreationOptions.RunContinuationsAsynchronously);
        // A remote node answers later than a local one: wait longer for the next reply before calling it complete.
        var quiet = path.Address.HasLocalScope || path.Address == Akka.Cluster.Cluster.Get(system).SelfAddress
            ? TimeSpan.FromMilliseconds(250)
            : TimeSpan.FromMilliseconds(750);
        var selection = system.ActorSelection(path.ToString().TrimEnd('/') + "/*");
        // Under /system, so walking /user never shows the walker's own helpers; filtered from /system listings too.
        ((ExtendedActorSystem)system).SystemActorOf(IdentifyCollector.Props(selection, done, quiet, AskTimeouts.Default),
            CollectorPrefix + Guid.NewGuid().ToString("N"));
        return done.Task;
    }
}
