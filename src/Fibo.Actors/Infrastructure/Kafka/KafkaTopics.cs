using Confluent.Kafka;
using Confluent.Kafka.Admin;

namespace Fibo.Actors.Infrastructure.Kafka;

/// <summary>Topic administration on a real broker.</summary>
public static class KafkaTopics
{
    /// <summary>
    /// Creates <paramref name="topic"/> when the broker does not have it; returns its partition count. An existing topic is
    /// never changed (more partitions would move keys to other partitions and break per-series order).
    /// </summary>
    public static async Task<int> EnsureTopicAsync(string bootstrapServers, string topic, int partitions, short replicationFactor,
        TimeSpan? timeout = null, CancellationToken ct = default)
    {
        var wait = timeout ?? TimeSpan.FromSeconds(15);
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers }).Build();
        var existing = await Task.Run(() => PartitionCount(admin, topic, wait), ct);
        if (existing > 0) return existing;
        try
        {
            await admin.CreateTopicsAsync(
                [new TopicSpecification { Name = topic, NumPartitions = partitions, ReplicationFactor = replicationFactor }],
                new CreateTopicsOptions { RequestTimeout = wait, OperationTimeout = wait });
        }
        catch (CreateTopicsException e) when (e.Results.All(r => r.Error.Code is ErrorCode.NoError or ErrorCode.TopicAlreadyExists))
        {
            // Another node created it first.
        }
        return await Task.Run(() => PartitionCount(admin, topic, wait), ct);
    }

    /// <summary>Partitions of a topic, 0 when the broker does not know it.</summary>
    /// <remarks>
    /// Asks for all topics: a metadata request naming the topic lets a broker with auto-create on (and the mock cluster)
    /// create it with its default partition count, which is exactly what must not happen here.
    /// </remarks>
    public static int PartitionCount(IAdminClient admin, string topic, TimeSpan timeout)
    {
        var meta = admin.GetMetadata(timeout).Topics.SingleOrDefault(t => t.Topic == topic);
        return meta is null || meta.Error.Code == ErrorCode.UnknownTopicOrPart ? 0 : meta.Partitions.Count;
    }
}
