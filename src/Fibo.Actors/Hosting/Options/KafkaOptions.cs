namespace Fibo.Actors.Hosting.Options;

/// <summary>Section <c>Fibo:Kafka</c>: the candle topic and how the node consumes it.</summary>
public sealed class KafkaOptions
{
    /// <summary>The value of <see cref="BootstrapServers"/> that starts librdkafka's in-process mock cluster.</summary>
    public const string Embedded = "embedded";

    /// <summary><c>embedded</c> (in-process mock cluster, the default) or a broker list <c>host:9092,host2:9092</c>.</summary>
    public string BootstrapServers { get; set; } = Embedded;

    public string Topic { get; set; } = "fibo.candles";

    /// <summary>Consumer group of the candle ingest; nodes of one cluster share it so partitions are spread.</summary>
    public string GroupId { get; set; } = "fibo-ingest";

    /// <summary>Candles waiting for an entity's durable ack at once (per ingest stream); bounds memory and latency.</summary>
    public int MaxInFlight { get; set; } = 256;

    /// <summary>Partitions of the topic when Fibo creates it (embedded cluster, or a broker without the topic).</summary>
    public int Partitions { get; set; } = 8;

    /// <summary>Replication factor when Fibo creates the topic on a real broker.</summary>
    public short ReplicationFactor { get; set; } = 1;

    /// <summary>Brokers of the embedded mock cluster.</summary>
    public int EmbeddedBrokers { get; set; } = 3;

    /// <summary>Consumer group session timeout: how long a dead consumer holds its partitions.</summary>
    public int SessionTimeoutMs { get; set; } = 10_000;

    /// <summary>How often acked offsets are committed (they are also committed on revoke and on stop).</summary>
    public int CommitIntervalMs { get; set; } = 500;

    /// <summary>How long one candle may wait for its entity's ack before the ingest stream fails and restarts.</summary>
    public int AskTimeoutMs { get; set; } = 30_000;
}
