using Confluent.Kafka;

namespace Fibo.Actors.Infrastructure.Kafka;

/// <summary>
/// One assigned partition while this consumer owns it. Records are handed out by the stream, acked by whoever processed
/// them (any thread), and committed by the consumer thread. Once revoked, no further record of this assignment is handed
/// out, and acks still count so the revoke can commit what finished in time.
/// </summary>
internal sealed class PartitionState(TopicPartition partition)
{
    private readonly object _lock = new();
    private readonly PartitionOffsetTracker _tracker = new();
    private bool _revoked;
    private long _committed = -1;
    private long _carried = -1;

    public TopicPartition Partition { get; } = partition;

    /// <summary>Registers a record as handed out; false when the partition was revoked (drop the record).</summary>
    public bool TryHandOut(long offset)
    {
        lock (_lock)
        {
            if (_revoked) return false;
            _tracker.HandedOut(offset);
            return true;
        }
    }

    public void Ack(long offset)
    {
        lock (_lock) _tracker.Acked(offset);
    }

    public void Revoke()
    {
        lock (_lock) _revoked = true;
    }

    public int Unacked
    {
        get { lock (_lock) return _tracker.Unacked; }
    }

    /// <summary>
    /// Progress made in an earlier assignment of this partition whose commit the group refused (a commit during a
    /// rebalance): consumption restarts there and the offset is committed with the next batch.
    /// </summary>
    public void CarryOver(long offset)
    {
        lock (_lock) _carried = Math.Max(_carried, offset);
    }

    /// <summary>The offset to commit now, or null when nothing new is acked.</summary>
    public TopicPartitionOffset? DueCommit()
    {
        lock (_lock)
        {
            var c = Math.Max(_tracker.CommitOffset ?? -1, _carried);
            return c > _committed ? new TopicPartitionOffset(Partition, c) : null;
        }
    }

    public void Committed(long offset)
    {
        lock (_lock) _committed = Math.Max(_committed, offset);
    }
}
