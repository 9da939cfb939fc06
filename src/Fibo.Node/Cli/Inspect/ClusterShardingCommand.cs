using System.CommandLine;
using Fibo.Node.Http.Contracts;

namespace Fibo.Node.Cli.Inspect;

/// <summary><c>fibo [NODE] cluster-sharding regions|region-stats|shards</c>: pbm's palette over <c>/api/sharding</c>.</summary>
internal static class ClusterShardingCommand
{
    public static Command Create()
    {
        var sharding = new Command("cluster-sharding", "Shard types, regions, shard and entity counts (pbm style: fibo NODE cluster-sharding region-stats -r candle-series)");
        sharding.Subcommands.Add(Regions());
        sharding.Subcommands.Add(RegionStats());
        sharding.Subcommands.Add(Shards());
        return sharding;
    }

    private static Option<string> TypeOption() =>
        new("--region", "-r") { Description = "Shard type name, e.g. candle-series or order-executor", Required = true };

    private static Command Regions()
    {
        var command = new Command("regions", "Every shard type and the members hosting a region of it: type | region address");
        InspectAction.Set(command, (_, node, ct) => node.GetAsync("api/sharding/regions", ct), body =>
        {
            var types = NodeClient.Read<List<ShardTypeView>>(body);
            if (types.Count == 0) PbmLines.Note("no shard types on this node");
            foreach (var t in types)
            {
                if (t.Regions.Count == 0) PbmLines.Write(t.TypeName, "(no regions)");
                foreach (var region in t.Regions) PbmLines.Write(t.TypeName, region);
            }
        });
        return command;
    }

    private static Command RegionStats()
    {
        var type = TypeOption();
        var command = new Command("region-stats", "Per region of a type: address | [roles] | status | leader | shards: N | entities: N");
        command.Options.Add(type);
        InspectAction.Set(command, (parse, node, ct) => node.GetAsync($"api/sharding/{Uri.EscapeDataString(parse.GetValue(type)!)}/stats", ct), body =>
        {
            foreach (var r in NodeClient.Read<ShardingStatsView>(body).Regions)
                PbmLines.Write(r.Address, PbmLines.Roles(r.Roles), r.Status, r.Leader ? "leader" : "", $"shards: {r.Shards}", $"entities: {r.Entities}");
        });
        return command;
    }

    private static Command Shards()
    {
        var type = TypeOption();
        var address = new Option<string?>("--address", "-a") { Description = "Region to ask (default: the node's own region)" };
        var command = new Command("shards", "The shards of one region and their entities: shard ID | entities: N | id,id,...");
        command.Options.Add(type);
        command.Options.Add(address);
        InspectAction.Set(command, (parse, node, ct) =>
        {
            var path = $"api/sharding/{Uri.EscapeDataString(parse.GetValue(type)!)}/shards";
            if (parse.GetValue(address) is { Length: > 0 } a) path += $"?address={Uri.EscapeDataString(a)}";
            return node.GetAsync(path, ct);
        }, body =>
        {
            var view = NodeClient.Read<RegionShardsView>(body);
            if (view.Shards.Count == 0 && view.FailedShards.Count == 0) PbmLines.Note($"no shards in the {view.TypeName} region at {view.Region}");
            foreach (var s in view.Shards) PbmLines.Write($"shard {s.ShardId}", $"entities: {s.EntityIds.Count}", string.Join(",", s.EntityIds));
            foreach (var f in view.FailedShards) PbmLines.Write($"shard {f}", "failed");
        });
        return command;
    }
}
