using Fibo.Actors.Hosting.Options;
using Fibo.Actors.Infrastructure.Kafka;
using Microsoft.Extensions.DependencyInjection;

namespace Fibo.Actors.Hosting;

public static class KafkaHosting
{
    /// <summary>
    /// Registers the node's <see cref="KafkaEndpoint"/>: on first use it starts the embedded mock cluster (when
    /// <c>Fibo:Kafka:BootstrapServers</c> is <c>embedded</c>) or checks the candle topic on the real brokers; the container
    /// disposes it (stopping the embedded brokers) when the node stops.
    /// </summary>
    public static IServiceCollection AddFiboKafka(this IServiceCollection services, FiboOptions options) =>
        services.AddSingleton(_ => KafkaEndpoint.StartAsync(options.Kafka).GetAwaiter().GetResult());
}
