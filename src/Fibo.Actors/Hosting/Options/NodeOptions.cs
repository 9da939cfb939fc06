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

    /// <summary>The roles in effect: the configured ones, or all of them.</summary>
    public IReadOnlyList<string> EffectiveRoles => Roles.Length == 0 ? FiboRoles.All : Roles;
}
