namespace Fibo.Node.Http.ActorTree;

/// <summary><c>GET /api/actors?path=/user&amp;depth=3</c>: the actor hierarchy under a path.</summary>
internal static class ActorEndpoints
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/actors", (ActorTreeWalker walker, string? path, int? depth, CancellationToken ct) =>
            walker.WalkAsync(path ?? "/user", depth ?? 3, ct));
}
