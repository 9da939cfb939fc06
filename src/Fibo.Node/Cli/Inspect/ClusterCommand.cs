using System.CommandLine;
using System.Text.Json;
using Fibo.Node.Http.Contracts;

namespace Fibo.Node.Cli.Inspect;

/// <summary>
/// <c>fibo [NODE] cluster show|leader|unreachable|leave|down</c>: pbm's <c>cluster</c> palette over the node's
/// <c>/api/cluster</c> endpoints.
/// </summary>
internal static class ClusterCommand
{
    public static Command Create()
    {
        var cluster = new Command("cluster", "Cluster members, leader, unreachable members; leave or down a member (pbm style: fibo NODE cluster show)");
        cluster.Subcommands.Add(Show());
        cluster.Subcommands.Add(Leader());
        cluster.Subcommands.Add(Unreachable());
        cluster.Subcommands.Add(Leave());
        cluster.Subcommands.Add(Down());
        return cluster;
    }

    private static Command Show()
    {
        var command = new Command("show", "Every member: address | [roles] | status | app version | markers (leader, oldest, self) | reachability");
        InspectAction.Set(command, (_, node, ct) => node.GetAsync("api/cluster/members", ct), body =>
        {
            foreach (var m in NodeClient.Read<ClusterMembersView>(body).Members) PbmLines.Write(MemberLine(m));
        });
        return command;
    }

    private static Command Leader()
    {
        var command = new Command("leader", "The cluster leader and the leader of each role");
        InspectAction.Set(command, (_, node, ct) => node.GetAsync("api/cluster/leader", ct), body =>
        {
            var view = NodeClient.Read<ClusterLeaderView>(body);
            PbmLines.Write(view.Leader ?? "(none)", "leader");
            foreach (var (role, address) in view.RoleLeaders) PbmLines.Write(address ?? "(none)", $"role-leader: {role}");
        });
        return command;
    }

    private static Command Unreachable()
    {
        var command = new Command("unreachable", "Members this node's failure detector marks unreachable (down them with 'cluster down -a ADDR' if they crashed)");
        InspectAction.Set(command, (_, node, ct) => node.GetAsync("api/cluster/members", ct), body =>
        {
            var unreachable = NodeClient.Read<ClusterMembersView>(body).Members.Where(m => m.Unreachable).ToList();
            if (unreachable.Count == 0) PbmLines.Note("no unreachable members");
            foreach (var m in unreachable) PbmLines.Write(MemberLine(m));
        });
        return command;
    }

    private static Command Leave()
    {
        var address = new Option<string?>("--address", "-a") { Description = "Member to leave (default: the node you ask)" };
        var command = new Command("leave", "Gracefully leave the cluster: shards hand off, then the member is removed and shuts down");
        command.Options.Add(address);
        InspectAction.Set(command, (parse, node, ct) => node.PostAsync(WithAddress("api/cluster/leave", parse.GetValue(address)), ct), PrintAction);
        return command;
    }

    private static Command Down()
    {
        var address = new Option<string>("--address", "-a") { Description = "Member to down, e.g. akka.tcp://fibo@10.0.0.7:4053", Required = true };
        var command = new Command("down", "Mark a member down (a crashed node): the cluster removes it without waiting for it");
        command.Options.Add(address);
        InspectAction.Set(command, (parse, node, ct) => node.PostAsync(WithAddress("api/cluster/down", parse.GetValue(address)), ct), PrintAction);
        return command;
    }

    internal static string[] MemberLine(MemberView m)
    {
        var markers = new[] { (m.Leader, "leader"), (m.Oldest, "oldest"), (m.Self, "self") }.Where(x => x.Item1).Select(x => x.Item2);
        return [m.Address, PbmLines.Roles(m.Roles), m.Status, m.AppVersion, string.Join(",", markers), m.Unreachable ? "unreachable" : "reachable"];
    }

    private static void PrintAction(JsonElement body)
    {
        var view = NodeClient.Read<ClusterActionView>(body);
        PbmLines.Write(view.Address, view.Action, view.Message);
    }

    private static string WithAddress(string path, string? address) =>
        string.IsNullOrWhiteSpace(address) ? path : $"{path}?address={Uri.EscapeDataString(address.Trim())}";
}
