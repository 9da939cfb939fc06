using Confluent.Kafka;

namespace Fibo.Actors.Infrastructure.Kafka;

/// <summary>
/// An in-process Kafka: librdkafka's mock cluster, which speaks the real Kafka protocol on 127.0.0.1 (random ports) so any
/// client, in this process or another (kcat too), can produce and consume while this object lives. Used when
/// <c>Fibo:Kafka:BootstrapServers</c> is <c>embedded</c>, by <c>fibo kafka-dev</c> and by the tests. Data lives in memory.
/// Facts (librdkafka 2.16): auto-created topics get 4 partitions; CreateTopics via AdminClient times out (the mock has no
/// controller and no CreateTopics handler), so <see cref="CreateTopic"/> uses the mock API.
/// </summary>
public sealed class EmbeddedKafka : IDisposable
{
    private readonly IProducer<byte[], byte[]> _host;
    private readonly IntPtr _cluster;

    private EmbeddedKafka(IProducer<byte[], byte[]> host, IntPtr cluster, string bootstrapServers)
    {
        _host = host;
        _cluster = cluster;
        BootstrapServers = bootstrapServers;
    }

    /// <summary>Comma-separated broker addresses, e.g. <c>127.0.0.1:37591,127.0.0.1:37087,127.0.0.1:44019</c>.</summary>
    public string BootstrapServers { get; }

    /// <summary>Starts a mock cluster of <paramref name="brokers"/> brokers.</summary>
    public static EmbeddedKafka Start(int brokers = 3)
    {
        if (brokers is < 1 or > 16) throw new ArgumentOutOfRangeException(nameof(brokers), brokers, "use 1-16 brokers");
        // The mock cluster lives as long as the client that created it; this client only hosts it.
        var config = new ProducerConfig(new Dictionary<string, string> { ["test.mock.num.brokers"] = brokers.ToString() });
        var host = new ProducerBuilder<byte[], byte[]>(config)
            .SetLogHandler((_, _) => { }) // it logs "Mock cluster enabled" at notice level; nothing useful
            .Build();
        try
        {
            var cluster = LibrdkafkaMock.MockClusterOf(host);
            // A real broker waits 3 s for more members before the first assignment; a dev cluster has no reason to.
            LibrdkafkaMock.SetGroupInitialRebalanceDelay(cluster, 0);
            return new EmbeddedKafka(host, cluster, LibrdkafkaMock.Bootstraps(cluster));
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    /// <summary>Creates a topic with a chosen partition count (an existing topic is left as it is).</summary>
    public void CreateTopic(string topic, int partitions, int replicationFactor = 1)
    {
        var error = LibrdkafkaMock.CreateTopic(_cluster, topic, partitions, replicationFactor);
        if (error is not ErrorCode.NoError and not ErrorCode.TopicAlreadyExists)
            throw new KafkaException(new Error(error, $"mock cluster could not create topic {topic} with {partitions} partitions: {error}"));
    }

    public void Dispose() => _host.Dispose();
}
