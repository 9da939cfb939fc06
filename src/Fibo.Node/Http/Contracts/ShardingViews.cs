namespace Fibo.Node.Http.Contracts;

/// <summary>A shard type and the addresses of the regions that host it (<c>GetCurrentRegions</c>).</summary>
public sealed record ShardTypeView(string TypeName, IReadOnlyList<string> Regions);

/// <summary>One region of <c>GetClusterShardingStats</c>, with the member's roles and status for pbm's line format.</summary>
public sealed record RegionStatsView(
    string Address,
    IReadOnlyList<string> Roles,
    string Status,
    bool Leader,
    bool Self,
    int Shards,
    int Entities,
    IReadOnlyDictionary<string, int> EntitiesPerShard,
    IReadOnlyList<string> FailedShards);

/// <summary><c>GET /api/sharding/{type}/stats</c>.</summary>
public sealed record ShardingStatsView(string TypeName, IReadOnlyList<RegionStatsView> Regions);

/// <summary>A shard and the ids of its live entities.</summary>
public sealed record ShardView(string ShardId, IReadOnlyList<string> EntityIds);

/// <summary><c>GET /api/sharding/{type}/shards</c>: <c>GetShardRegionState</c> of one region (this node's by default).</summary>
public sealed record RegionShardsView(string TypeName, string Region, IReadOnlyList<ShardView> Shards, IReadOnlyList<string> FailedShards);
