using Akka.Cluster;
using Akka.Cluster.Hosting;
using Akka.Cluster.Hosting.SBR;
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
        if (node.SeedNodes.Length == 0)
            builder.AddStartup((system, _) =>
            {
                var cluster = Cluster.Get(system);
                cluster.Join(cluster.SelfAddress);
            });
        return builder;
    }
}
