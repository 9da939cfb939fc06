using Confluent.Kafka;
using Fibo.Actors.Hosting.Options;

namespace Fibo.Actors.Infrastructure.Kafka;

/// <summary>How <see cref="KafkaConsumerSource"/> consumes: group, topics, commit cadence and buffering.</summary>
public sealed record KafkaConsumerSettings
{
    public required string BootstrapServers { get; init; }
    public required string GroupId { get; init; }
    public required IReadOnlyList<string> Topics { get; init; }

    /// <summary>Where a group with no committed offset starts (earliest: nothing published before the first start is lost).</summary>
    public AutoOffsetReset AutoOffsetReset { get; init; } = AutoOffsetReset.Earliest;

    public int SessionTimeoutMs { get; init; } = 10_000;

    /// <summary>How often acked offsets are committed (also on revoke and on stop).</summary>
    public TimeSpan CommitInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Records read ahead of the stream's demand; when it is full the consumer stops taking records (backpressure).</summary>
    public int BufferSize { get; init; } = 1_000;

    /// <summary>How long a revoke (rebalance or stop) waits for handed-out records to be acked before it commits.</summary>
    public TimeSpan RevokeDrainTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long one poll blocks: bounds commit and stop latency.</summary>
    public TimeSpan PollTimeout { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Last word on the librdkafka configuration (e.g. security settings for a real cluster).</summary>
    public Action<ConsumerConfig>? Configure { get; init; }

    /// <summary>Settings for the candle topic from <c>Fibo:Kafka</c> (the bootstrap address already resolved from "embedded").</summary>
    public static KafkaConsumerSettings ForCandles(KafkaOptions options, string bootstrapServers) => new()
    {
        BootstrapServers = bootstrapServers,
        GroupId = options.GroupId,
        Topics = [options.Topic],
        SessionTimeoutMs = options.SessionTimeoutMs,
        CommitInterval = TimeSpan.FromMilliseconds(options.CommitIntervalMs),
        BufferSize = Math.Max(2 * options.MaxInFlight, 256),
    };

    internal ConsumerConfig ToConsumerConfig()
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = BootstrapServers,
            GroupId = GroupId,
            ClientId = $"fibo-{Environment.MachineName}-{Environment.ProcessId}",
            EnableAutoCommit = false, // we commit, and only acked offsets
            EnableAutoOffsetStore = false,
            AutoOffsetReset = AutoOffsetReset,
            SessionTimeoutMs = SessionTimeoutMs,
            HeartbeatIntervalMs = Math.Max(100, SessionTimeoutMs / 4),
            EnablePartitionEof = false,
            // librdkafka's own prefetch queue (64 MB by default) is what waits behind our read-ahead buffer.
            QueuedMaxMessagesKbytes = 8 * 1024,
            AllowAutoCreateTopics = false,
        };
        Configure?.Invoke(config);
        return config;
    }
}
