namespace Fibo.Node.Http.Sharding;

/// <summary><c>/api/sharding</c>: shard types and regions, per-region stats, one region's shards and entities.</summary>
internal static class ShardingEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var sharding = api.MapGroup("/sharding");
        sharding.MapGet("/regions", (ShardingInspector inspector) => inspector.RegionsAsync());
        sharding.MapGet("/{type}/stats", (ShardingInspector inspector, string type) => inspector.StatsAsync(type));
        sharding.MapGet("/{type}/shards", (ShardingInspector inspector, string type, string? address) => inspector.ShardsAsync(type, address));
    }
}
