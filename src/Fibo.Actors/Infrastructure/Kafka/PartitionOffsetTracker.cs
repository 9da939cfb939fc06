namespace Fibo.Actors.Infrastructure.Kafka;

/// <summary>
/// Which offset of one partition may be committed: records are handed out in offset order but acknowledged in any
/// order; the commit offset is one past the highest offset whose record and every earlier handed-out record are acked
/// (Kafka's commit means "resume here"). Not thread-safe: <see cref="PartitionState"/> locks around it.
/// </summary>
internal sealed class PartitionOffsetTracker
{
    private readonly Queue<long> _pending = new();
    private readonly HashSet<long> _acked = [];
    private long _lastHandedOut = -1;

    /// <summary>The offset to commit (next to consume), or null while no prefix is acked.</summary>
    public long? CommitOffset { get; private set; }

    /// <summary>Records handed out and not yet acked.</summary>
    public int Unacked => _pending.Count - _acked.Count;

    public void HandedOut(long offset)
    {
        if (offset <= _lastHandedOut)
            throw new InvalidOperationException($"offset {offset} handed out after {_lastHandedOut}: a partition's records must go out in order");
        _pending.Enqueue(offset);
        _lastHandedOut = offset;
    }

    public void Acked(long offset)
    {
        // Ignore acks for offsets already committed past or never handed out (a duplicate ack is harmless).
        if (offset > _lastHandedOut || (CommitOffset is { } c && offset < c) || _pending.Count == 0) return;
        _acked.Add(offset);
        while (_pending.Count > 0 && _acked.Remove(_pending.Peek())) CommitOffset = _pending.Dequeue() + 1;
    }
}
