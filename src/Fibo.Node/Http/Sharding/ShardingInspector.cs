using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Fibo.Node.Http.Clustering;
using Fibo.Node.Http.Contracts;

namespace Fibo.Node.Http.Sharding;

/// <summary>
/// Asks the shard regions of this node (pbm's <c>cluster-sharding</c> palette): which types exist, where their regions
/// are, how many shards and entities each holds, and which entities a region runs. Every ask is bounded by
/// <see cref="AskTimeouts.Default"/>. Shard queries go to real regions: a proxy answers them with nothing (akka.net #3746).
/// </summary>
public sealed class ShardingInspector(ActorSystem system)
{
    private ClusterSharding Sharding => ClusterSharding.Get(system);

    public IReadOnlyList<string> TypeNames => Sharding.ShardTypeNames.Order(StringComparer.Ordinal).ToList();

    public bool HasType(string typeName) => Sharding.ShardTypeNames.Contains(typeName);

    public async Task<IReadOnlyList<ShardTypeView>> RegionsAsync()
    {
        var views = await Task.WhenAll(TypeNames.Select(async type =>
        {
            var regions = await RegionAddressesAsync(type);
            return new ShardTypeView(type, regions.Select(a => a.ToString()).Order(StringComparer.Ordinal).ToList());
        }));
        return views;
    }

    public async Task<ShardingStatsView> StatsAsync(string typeName)
    {
        var stats = await Region(typeName).Ask<ClusterShardingStats>(new GetClusterShardingStats(AskTimeouts.Inner), AskTimeouts.Default);
        var cluster = Akka.Cluster.Cluster.Get(system);
        var state = cluster.State;
        var regions = stats.Regions
            .OrderBy(kv => kv.Key.ToString(), StringComparer.Ordinal)
            .Select(kv =>
            {
                var member = state.Members.FirstOrDefault(m => m.Address == kv.Key);
                var perShard = kv.Value.Stats.OrderBy(s => s.Key, StringComparer.Ordinal).ToDictionary(s => s.Key, s => s.Value);
                return new RegionStatsView(
                    kv.Key.ToString(),
                    member is null ? [] : RoleOrder.Sort(member.Roles),
                    member is null ? "unknown" : ClusterInspector.StatusName(member.Status),
                    Leader: kv.Key == state.Leader,
                    Self: kv.Key == cluster.SelfAddress,
                    Shards: perShard.Count,
                    Entities: perShard.Values.Sum(),
                    perShard,
                    kv.Value.Failed.Order(StringComparer.Ordinal).ToList());
            })
            .ToList();
        return new ShardingStatsView(typeName, regions);
    }

    /// <summary>The shards and entity ids of one region: this node's, or the one at <paramref name="regionAddress"/>.</summary>
    public async Task<RegionShardsView> ShardsAsync(string typeName, string? regionAddress = null)
    {
        var local = Region(typeName);
        Address where;
        CurrentShardRegionState state;
        if (regionAddress is null)
        {
            where = Akka.Cluster.Cluster.Get(system).SelfAddress;
            state = await local.Ask<CurrentShardRegionState>(GetShardRegionState.Instance, AskTimeouts.Default);
        }
        else
        {
            where = ParseAddress(regionAddress);
            var known = await RegionAddressesAsync(typeName);
            if (!known.Contains(where))
                throw ApiException.NotFound($"no {typeName} region at {where}; regions: {string.Join(", ", known)}");
            state = await RegionAt(where, typeName).Ask<CurrentShardRegionState>(GetShardRegionState.Instance, AskTimeouts.Default);
        }
        return View(typeName, where, state);
    }

    /// <summary>The ids of every live entity of a type across the cluster (asks each region for its state).</summary>
    public async Task<IReadOnlyList<string>> EntityIdsAsync(string typeName)
    {
        var regions = await RegionAddressesAsync(typeName);
        var states = await Task.WhenAll(regions.Select(a =>
            RegionAt(a, typeName).Ask<CurrentShardRegionState>(GetShardRegionState.Instance, AskTimeouts.Default)));
        return states.SelectMany(s => s.Shards).SelectMany(s => s.EntityIds).Distinct().Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>The local region (or proxy) of a type; 404 naming the types there are when this node has none.</summary>
    public IActorRef Region(string typeName)
    {
        if (!HasType(typeName))
        {
            var types = TypeNames;
            throw ApiException.NotFound($"no shard type '{typeName}' on this node; it has: {(types.Count == 0 ? "none" : string.Join(", ", types))}");
        }
        return Sharding.ShardRegion(typeName);
    }

    /// <summary>
    /// Where to send messages for an entity of <paramref name="typeName"/>: the local region, or the proxy of a node without
    /// the hosting role (a proxy routes entity messages; only shard queries need a real region); null when there is neither.
    /// </summary>
    public IActorRef? EntityRoute(string typeName)
    {
        try
        {
            return Sharding.ShardRegion(typeName); // a region, or a proxy started for the type
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private async Task<IImmutableSet<Address>> RegionAddressesAsync(string typeName) =>
        (await Region(typeName).Ask<CurrentRegions>(GetCurrentRegions.Instance, AskTimeouts.Default)).Regions;

    // A region is the child of the sharding guardian named after its (URL-escaped) type, on every node that hosts it.
    private ActorSelection RegionAt(Address address, string typeName) =>
        system.ActorSelection(new RootActorPath(address) / "system" / "sharding" / Uri.EscapeDataString(typeName));

    private static Address ParseAddress(string text)
    {
        try
        {
            return Address.Parse(text.Trim());
        }
        catch (Exception e) when (e is UriFormatException or ArgumentException or FormatException)
        {
            throw ApiException.BadRequest($"'{text}' is not an actor system address: use the form akka.tcp://fibo@host:port ({e.Message})");
        }
    }

    private static RegionShardsView View(string typeName, Address where, CurrentShardRegionState state) => new(
        typeName,
        where.ToString(),
        state.Shards
            .OrderBy(s => s.ShardId, StringComparer.Ordinal)
            .Select(s => new ShardView(s.ShardId, s.EntityIds.Order(StringComparer.Ordinal).ToList()))
            .ToList(),
        (state.Failed ?? ImmutableHashSet<string>.Empty).Order(StringComparer.Ordinal).ToList());
}
