using Akka.Actor;
using Akka.Cluster;
using Fibo.Node.Http.Contracts;

namespace Fibo.Node.Http.Clustering;

/// <summary>Reads this node's view of the cluster (<c>Cluster.State</c>) into the API's views, and asks it to leave or down members.</summary>
public sealed class ClusterInspector(ActorSystem system)
{
    private Akka.Cluster.Cluster Cluster => Akka.Cluster.Cluster.Get(system);

    public ClusterMembersView Members()
    {
        var cluster = Cluster;
        var state = cluster.State;
        var unreachable = state.Unreachable.Select(m => m.Address).ToHashSet();
        var oldest = Oldest(state.Members);
        var members = state.Members
            .Select(m => View(m, state.Leader, oldest, cluster.SelfAddress, unreachable.Contains(m.Address)))
            .ToList();
        return new ClusterMembersView(cluster.SelfAddress.ToString(), state.Leader?.ToString(), members,
            unreachable.Select(a => a.ToString()).Order(StringComparer.Ordinal).ToList());
    }

    public ClusterLeaderView Leader()
    {
        var state = Cluster.State;
        var roles = RoleOrder.Sort(state.Members.SelectMany(m => m.Roles).Distinct());
        return new ClusterLeaderView(state.Leader?.ToString(), roles.ToDictionary(r => r, r => state.RoleLeader(r)?.ToString()));
    }

    /// <summary>Starts a graceful leave of <paramref name="address"/> (this node when null): its shards hand off first.</summary>
    public ClusterActionView Leave(string? address)
    {
        var target = address is null ? Cluster.SelfAddress : RequireMember(address);
        Cluster.Leave(target);
        return new ClusterActionView("leave", target.ToString(),
            $"{target} is leaving: its shards hand off, then it is removed and shuts down");
    }

    /// <summary>Marks <paramref name="address"/> as down: the cluster removes it without waiting for it (for a crashed node).</summary>
    public ClusterActionView Down(string? address)
    {
        if (string.IsNullOrWhiteSpace(address))
            throw ApiException.BadRequest("give the member to down: ?address=akka.tcp://fibo@host:port (see 'fibo cluster show')");
        var target = RequireMember(address);
        Cluster.Down(target);
        return new ClusterActionView("down", target.ToString(), $"{target} is marked down and will be removed from the cluster");
    }

    private Address RequireMember(string text)
    {
        Address address;
        try
        {
            address = Address.Parse(text.Trim());
        }
        catch (Exception e) when (e is UriFormatException or ArgumentException or FormatException)
        {
            throw ApiException.BadRequest($"'{text}' is not an actor system address: use the form akka.tcp://fibo@host:port ({e.Message})");
        }
        var members = Cluster.State.Members;
        if (members.All(m => m.Address != address))
            throw ApiException.NotFound($"{address} is not a member of this cluster; members: {string.Join(", ", members.Select(m => m.Address))}");
        return address;
    }

    internal static MemberView View(Member m, Address? leader, Member? oldest, Address self, bool unreachable) => new(
        m.Address.ToString(),
        RoleOrder.Sort(m.Roles),
        StatusName(m.Status),
        m.AppVersion.ToString(),
        Leader: m.Address == leader,
        Oldest: oldest is not null && m.Address == oldest.Address,
        Self: m.Address == self,
        Unreachable: unreachable);

    /// <summary>The member that has been up longest (singletons live there); null before any member is up.</summary>
    internal static Member? Oldest(IEnumerable<Member> members) =>
        members.Where(m => m.Status is MemberStatus.Up or MemberStatus.Leaving or MemberStatus.Exiting)
            .Aggregate((Member?)null, (best, m) => best is null || m.IsOlderThan(best) ? m : best);

    internal static string StatusName(MemberStatus status) => status switch
    {
        MemberStatus.WeaklyUp => "weakly-up",
        _ => status.ToString().ToLowerInvariant(),
    };
}
