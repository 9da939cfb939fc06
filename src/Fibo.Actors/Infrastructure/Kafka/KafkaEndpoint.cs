using Fibo.Actors.Hosting.Options;

namespace Fibo.Actors.Infrastructure.Kafka;

/// <summary>
/// The Kafka a node talks to, resolved from <c>Fibo:Kafka</c>: with <c>BootstrapServers = embedded</c> it starts the
/// in-process mock cluster (and owns it until disposed), otherwise it uses the configured brokers; either way the candle
/// topic exists with the configured partitions afterwards (an existing topic is left as it is).
/// </summary>
public sealed class KafkaEndpoint : IDisposable
{
    private readonly EmbeddedKafka? _embedded;

    private KafkaEndpoint(string bootstrapServers, EmbeddedKafka? embedded, int partitions)
    {
        BootstrapServers = bootstrapServers;
        _embedded = embedded;
        CandlePartitions = partitions;
    }

    public string BootstrapServers { get; }

    /// <summary>True when this endpoint runs the in-process mock cluster.</summary>
    public bool IsEmbedded => _embedded is not null;

    /// <summary>Partitions of the candle topic.</summary>
    public int CandlePartitions { get; }

    public static async Task<KafkaEndpoint> StartAsync(KafkaOptions options, CancellationToken ct = default)
    {
        if (string.Equals(options.BootstrapServers, KafkaOptions.Embedded, StringComparison.OrdinalIgnoreCase))
        {
            var embedded = EmbeddedKafka.Start(options.EmbeddedBrokers);
            embedded.CreateTopic(options.Topic, options.Partitions, Math.Min((int)options.ReplicationFactor, options.EmbeddedBrokers));
            return new KafkaEndpoint(embedded.BootstrapServers, embedded, options.Partitions);
        }
        var partitions = await KafkaTopics.EnsureTopicAsync(options.BootstrapServers, options.Topic, options.Partitions,
            options.ReplicationFactor, ct: ct);
        return new KafkaEndpoint(options.BootstrapServers, null, partitions);
    }

    public void Dispose() => _embedded?.Dispose();
}
