namespace Fibo.Node.Http.Clustering;

/// <summary><c>/api/cluster</c>: members, leader, leave and down (pbm's <c>cluster</c> palette).</summary>
internal static class ClusterEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var cluster = api.MapGroup("/cluster");
        cluster.MapGet("/members", (ClusterInspector inspector) => inspector.Members());
        cluster.MapGet("/leader", (ClusterInspector inspector) => inspector.Leader());
        cluster.MapPost("/leave", (ClusterInspector inspector, string? address) => Results.Accepted(value: inspector.Leave(address)));
        cluster.MapPost("/down", (ClusterInspector inspector, string? address) => Results.Accepted(value: inspector.Down(address)));
    }
}
