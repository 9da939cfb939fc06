namespace Fibo.Node.Http.Contracts;

/// <summary>One cluster member as <c>fibo cluster show</c> prints it; the markers say which member leads, is oldest, is this node.</summary>
public sealed record MemberView(
    string Address,
    IReadOnlyList<string> Roles,
    string Status,
    string AppVersion,
    bool Leader,
    bool Oldest,
    bool Self,
    bool Unreachable);

/// <summary><c>GET /api/cluster/members</c>: every member plus the addresses this node sees as unreachable.</summary>
public sealed record ClusterMembersView(string Self, string? Leader, IReadOnlyList<MemberView> Members, IReadOnlyList<string> Unreachable);

/// <summary><c>GET /api/cluster/leader</c>: the cluster leader and the leader of each role (null while there is none).</summary>
public sealed record ClusterLeaderView(string? Leader, IReadOnlyDictionary<string, string?> RoleLeaders);

/// <summary>What a <c>leave</c> or <c>down</c> request started.</summary>
public sealed record ClusterActionView(string Action, string Address, string Message);
