using System.Text;
using Confluent.Kafka;

namespace Fibo.Actors.Infrastructure.Kafka;

/// <summary>
/// One Kafka record from <see cref="KafkaConsumerSource"/>. Call <see cref="Ack"/> once its effect is durable: the
/// consumer commits a partition's offset only up to the last record before which everything is acked.
/// </summary>
public sealed class CommittableRecord
{
    private readonly PartitionState _state;

    internal CommittableRecord(ConsumeResult<byte[], byte[]> result, PartitionState state)
    {
        _state = state;
        Topic = result.Topic;
        Partition = result.Partition.Value;
        Offset = result.Offset.Value;
        // Keys are UTF-8 text by contract; invalid bytes become U+FFFD and then fail key parsing as a poison record.
        Key = result.Message.Key is { } k ? Encoding.UTF8.GetString(k) : null;
        Value = result.Message.Value ?? [];
        Timestamp = result.Message.Timestamp.UtcDateTime;
    }

    public string Topic { get; }
    public int Partition { get; }
    public long Offset { get; }
    public string? Key { get; }
    public byte[] Value { get; }
    public DateTime Timestamp { get; }

    internal PartitionState State => _state;

    /// <summary>Marks the record processed (durably): its offset may now be committed.</summary>
    public void Ack() => _state.Ack(Offset);

    public override string ToString() => $"{Topic}[{Partition}]@{Offset}";
}
