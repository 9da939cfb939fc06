using System.Reflection;
using Akka.Hosting;
using Fibo.Actors.Hosting.Options;

namespace Fibo.Actors.Hosting;

public static class FiboNodeHosting
{
    /// <summary>
    /// The base of every Fibo node: serialization (strict), Serilog logging, dispatchers, the cluster (of one by default)
    /// and persistence. Shard regions, Kafka ingest and the HTTP API are added on top by their own extensions.
    /// </summary>
    public static AkkaConfigurationBuilder WithFiboNode(this AkkaConfigurationBuilder builder, FiboOptions options,
        params Assembly[] extraMessageAssemblies) =>
        builder
            .WithFiboSerialization(extraMessageAssemblies)
            .WithFiboLogging(options)
            .WithFiboDispatchers(options)
            .WithFiboCluster(options)
            .WithFiboPersistence(options);
}
