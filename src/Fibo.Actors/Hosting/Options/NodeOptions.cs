namespace Fibo.Actors.Hosting.Options;

/// <summary>Section <c>Fibo:Node</c>: this node's identity in the Akka cluster.</summary>
public sealed class NodeOptions
{
    /// <summary>The actor system's name; every node of one cluster uses the same.</summary>
    public string ActorSystemName { get; set; } = "fibo";

    /// <summary>A name for logs and inspection (defaults to the machine name).</summary>
    public string Name { get; set; } = Environment.MachineName;

    /// <summary>What this node hosts (<see cref="FiboRoles"/>); empty means every role.</summary>
    public string[] Roles { get; set; } = [];

    /// <summary>Address Akka.Remote binds to.</summary>
    public string Hostname { get; set; } = "127.0.0.1";

    /// <summary>Akka.Remote port; 0 picks a free one (fine for a cluster of one).</summary>
    public int Port { get; set; }

    /// <summary>Address other nodes use to reach this one (behind NAT/Docker); defaults to <see cref="Hostname"/>.</summary>
    public string? PublicHostname { get; set; }

    /// <summary>
    /// Seed nodes, e.g. <c>akka.tcp://fibo@fibo-1:4053</c>. Empty: this node forms a cluster of one by joining itself.
    /// </summary>
    public string[] SeedNodes { get; set; } = [];

    /// <summary>
    /// Split-brain resolver (keep-majority): how long the membership must stay unchanged, with members unreachable, before
    /// the side in the minority is downed (and the majority takes over its shards). Akka's default: 20 s.
    /// </summary>
    public int StableAfterMs { get; set; } = 20_000;

    /// <summary>Failure detector: how often members send heartbeats (Akka's default 1 s).</summary>
    public int HeartbeatIntervalMs { get; set; } = 1_000;

    /// <summary>Failure detector: how long heartbeats may be missing before a member is unreachable (Akka's default 3 s).</summary>
    public int AcceptableHeartbeatPauseMs { get; set; } = 3_000;

    /// <summary>How long a leaving node's shards may take to stop their entities before the hand-off goes on (Akka's default 60 s).</summary>
    public int ShardHandOffTimeoutMs { get; set; } = 60_000;

    /// <summary>
    /// Largest message between nodes (Akka.Remote's maximum frame size; Akka's default is 128,000 bytes). An account's ledger
    /// asked from another node travels in one message (about 1 KB per order), so the default here is 16 MiB.
    /// </summary>
    public int MaximumFrameBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>The roles in effect: the configured ones, or all of them.</summary>
    public IReadOnlyList<string> EffectiveRoles => Roles.Length == 0 ? FiboRoles.All : Roles;
}
