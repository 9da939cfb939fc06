using System.Globalization;
using Akka.Configuration;
using Akka.Hosting;
using Fibo.Actors.Hosting.Options;

namespace Fibo.Actors.Hosting;

public static class DispatcherHosting
{
    /// <summary>The dispatcher for TorchSharp inference: its own threads, so a forward pass never blocks the default dispatcher.</summary>
    public const string InferenceDispatcher = "fibo-inference-dispatcher";

    /// <summary>Adds <see cref="InferenceDispatcher"/> (a dedicated thread pool of <c>Fibo:Models:InferenceThreads</c>, throughput 1).</summary>
    public static AkkaConfigurationBuilder WithFiboDispatchers(this AkkaConfigurationBuilder builder, FiboOptions options)
    {
        var threads = options.Models.InferenceThreads.ToString(CultureInfo.InvariantCulture);
        var hocon = $$"""
            {{InferenceDispatcher}} {
              type = ForkJoinDispatcher
              throughput = 1
              dedicated-thread-pool {
                thread-count = {{threads}}
                threadtype = background
              }
            }
            """;
        return builder.AddHocon(ConfigurationFactory.ParseString(hocon), HoconAddMode.Prepend);
    }
}
