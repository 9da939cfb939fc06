using Akka.Cluster;
using Akka.Cluster.Hosting;
using Akka.Cluster.Hosting.SBR;
using Akka.Configuration;
using Akka.Hosting;
using Akka.Remote.Hosting;
using Fibo.Actors.Hosting.Options;

namespace Fibo.Actors.Hosting;

public static class ClusterHosting
{
    /// <summary>
    /// Akka.Remote + Akka.Cluster with the split-brain resolver on keep-majority and the node's roles. With no seed nodes the
    /// node joins itself and is a cluster of one, so the same sharded code runs on a laptop and in a cluster.
    /// </summary>
    public static AkkaConfigurationBuilder WithFiboCluster(this AkkaConfigurationBuilder builder, FiboOptions options)
    {
        var node = options.Node;
        builder
            .WithRemoting(new RemoteOptions
            {
                HostName = node.Hostname,
                Port = node.Port,
                PublicHostName = node.PublicHostname,
            })
            .WithClustering(new ClusterOptions
            {
                Roles = node.EffectiveRoles.ToArray(),
                SeedNodes = node.SeedNodes,
                SplitBrainResolver = new KeepMajorityOption(),
            });
        builder.AddHocon(ConfigurationFactory.ParseString(Timings(node)), HoconAddMode.Prepend);
        if (node.SeedNodes.Length == 0)
            builder.AddStartup((system, _) =>
            {
                var cluster = Cluster.Get(system);
                cluster.Join(cluster.SelfAddress);
            });
        return builder;
    }

    /// <summary>
    /// Failure detection, the split-brain resolver's stable-after, the shard hand-off timeout and the largest message between
    /// nodes from <c>Fibo:Node</c>.
    /// A crashed member is unreachable after about the heartbeat pause, downed by the majority stable-after later, and its
    /// shards are then allocated to the remaining nodes.
    /// </summary>
    internal static string Timings(NodeOptions node) => $$"""
        akka.cluster.failure-detector.heartbeat-interval = {{node.HeartbeatIntervalMs}}ms
        akka.cluster.failure-detector.acceptable-heartbeat-pause = {{node.AcceptableHeartbeatPauseMs}}ms
        akka.cluster.split-brain-resolver.stable-after = {{node.StableAfterMs}}ms
        akka.cluster.sharding.handoff-timeout = {{node.ShardHandOffTimeoutMs}}ms
        akka.remote.dot-netty.tcp.maximum-frame-size = {{node.MaximumFrameBytes}}b
        """;
}
