using System.Diagnostics;
using Confluent.Kafka;

namespace Fibo.Actors.Infrastructure.Kafka;

/// <summary>What the raw consumer loop read and how fast.</summary>
public sealed record RawConsumeResult(long Messages, long Bytes, TimeSpan Elapsed)
{
    public double MessagesPerSecond => Elapsed > TimeSpan.Zero ? Messages / Elapsed.TotalSeconds : 0;
}

/// <summary>
/// The ceiling for <c>fibo bench pipeline</c>: a bare Confluent.Kafka consume loop over every partition of a topic, from
/// the beginning to the end offsets found at start, touching nothing but the record sizes. No group, no commits, no
/// decoding: whatever our pipeline does on top is measured against this in the same run.
/// </summary>
public static class RawConsumerBaseline
{
    public static Task<RawConsumeResult> RunAsync(string bootstrapServers, string topic, TimeSpan? timeout = null, CancellationToken ct = default) =>
        Task.Factory.StartNew(() => Run(bootstrapServers, topic, timeout ?? TimeSpan.FromMinutes(5), ct), ct,
            TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private static RawConsumeResult Run(string bootstrapServers, string topic, TimeSpan timeout, CancellationToken ct)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "fibo-baseline-" + Guid.NewGuid().ToString("N"), // required by the client; never joined or committed
            EnableAutoCommit = false,
            EnablePartitionEof = false,
        }).Build();

        using var admin = new DependentAdminClientBuilder(consumer.Handle).Build();
        var meta = admin.GetMetadata(TimeSpan.FromSeconds(10)).Topics.SingleOrDefault(t => t.Topic == topic)
                   ?? throw new InvalidOperationException($"topic {topic} does not exist on {bootstrapServers}");
        var ends = new Dictionary<int, long>();
        foreach (var p in meta.Partitions)
        {
            var high = consumer.QueryWatermarkOffsets(new TopicPartition(topic, p.PartitionId), TimeSpan.FromSeconds(10)).High.Value;
            if (high > 0) ends[p.PartitionId] = high;
        }
        var total = ends.Values.Sum();
        consumer.Assign(ends.Keys.Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));

        long messages = 0, bytes = 0;
        var sw = Stopwatch.StartNew();
        while (messages < total)
        {
            ct.ThrowIfCancellationRequested();
            if (sw.Elapsed > timeout)
                throw new TimeoutException($"read {messages} of {total} records of {topic} in {timeout}");
            var r = consumer.Consume(TimeSpan.FromMilliseconds(100));
            if (r?.Message is null || r.Offset.Value >= ends[r.Partition.Value]) continue;
            messages++;
            bytes += (r.Message.Key?.Length ?? 0) + (r.Message.Value?.Length ?? 0);
        }
        sw.Stop();
        consumer.Close();
        return new RawConsumeResult(messages, bytes, sw.Elapsed);
    }
}
