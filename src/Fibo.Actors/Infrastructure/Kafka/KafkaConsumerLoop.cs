using System.Collections.Concurrent;
using System.Diagnostics;
using Akka.Event;
using Confluent.Kafka;

namespace Fibo.Actors.Infrastructure.Kafka;

/// <summary>
/// The consumer thread behind <see cref="KafkaConsumerSource"/>. Everything that touches the librdkafka consumer runs
/// here: polling (held back while the read-ahead buffer is full), rebalance callbacks and commits. The stream side only
/// takes records out of <see cref="Buffer"/> and acks them through their <see cref="PartitionState"/>.
/// </summary>
internal sealed class KafkaConsumerLoop
{
    private readonly KafkaConsumerSettings _settings;
    private readonly Dictionary<TopicPartition, PartitionState> _partitions = [];
    private readonly ConcurrentDictionary<TopicPartition, long> _committed = new();
    private readonly Dictionary<TopicPartition, long> _refusedCommits = [];
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly int _highWatermark;
    private readonly int _lowWatermark;
    private volatile bool _stopRequested;
    private volatile IReadOnlyList<TopicPartition> _assignment = [];
    private int _buffered;
    private int _waiting;
    private readonly ManualResetEventSlim _room = new(true);
    private long _consumed, _commits, _rebalances, _dropped;

    private static readonly TimeSpan RoomWait = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan MaxPollGap = TimeSpan.FromSeconds(1);

    public KafkaConsumerLoop(KafkaConsumerSettings settings)
    {
        _settings = settings;
        _highWatermark = Math.Max(1, settings.BufferSize);
        _lowWatermark = _highWatermark / 2;
    }

    public ConcurrentQueue<CommittableRecord> Buffer { get; } = new();

    public Task Completion => _done.Task;
    public IReadOnlyDictionary<TopicPartition, long> CommittedOffsets => new Dictionary<TopicPartition, long>(_committed);
    public IReadOnlyList<TopicPartition> Assignment => _assignment;
    public long RecordsConsumed => Interlocked.Read(ref _consumed);
    public long Commits => Interlocked.Read(ref _commits);
    public long Rebalances => Interlocked.Read(ref _rebalances);
    public long RecordsDroppedOnRevoke => Interlocked.Read(ref _dropped);
    public int Buffered => Volatile.Read(ref _buffered);

    private Action _onAvailable = () => { };
    private Action<Exception> _onFailure = _ => { };
    private Action _onStopped = () => { };
    private ILoggingAdapter? _log;

    public void Start(Action onAvailable, Action<Exception> onFailure, Action onStopped, ILoggingAdapter log)
    {
        (_onAvailable, _onFailure, _onStopped, _log) = (onAvailable, onFailure, onStopped, log);
        new Thread(Run) { IsBackground = true, Name = $"fibo-kafka-{_settings.GroupId}" }.Start();
    }

    public void RequestStop() => _stopRequested = true;

    /// <summary>Takes the next record for the stream, skipping records of revoked partitions; null when none is buffered.</summary>
    public CommittableRecord? TryTake()
    {
        while (Buffer.TryDequeue(out var record))
        {
            if (Interlocked.Decrement(ref _buffered) <= _lowWatermark) _room.Set();
            if (record.State.TryHandOut(record.Offset)) return record;
            Interlocked.Increment(ref _dropped);
        }
        return null;
    }

    /// <summary>The stream has demand and found the buffer empty: the next record wakes it.</summary>
    public void SetWaiting() => Volatile.Write(ref _waiting, 1);

    /// <summary>Clears the waiting flag; true if it was set (the caller then looks at the buffer again).</summary>
    public bool ClearWaiting() => Interlocked.Exchange(ref _waiting, 0) == 1;

    private void Run()
    {
        IConsumer<byte[], byte[]>? consumer = null;
        try
        {
            consumer = new ConsumerBuilder<byte[], byte[]>(_settings.ToConsumerConfig())
                .SetPartitionsAssignedHandler((c, assigned) => OnAssigned(c, assigned))
                .SetPartitionsRevokedHandler((c, revoked) => OnRevoked(c, revoked.Select(p => p.TopicPartition)))
                .SetPartitionsLostHandler((_, lost) => OnLost(lost.Select(p => p.TopicPartition)))
                .SetErrorHandler((_, e) => _log?.Warning("Kafka consumer {0}: {1}", _settings.GroupId, e.Reason))
                .SetLogHandler((_, m) => { if (m.Level <= SyslogLevel.Warning) _log?.Warning("librdkafka: {0}", m.Message); })
                .Build();
            consumer.Subscribe(_settings.Topics);
            var lastCommit = Stopwatch.StartNew();
            var lastPoll = Stopwatch.StartNew();
            while (!_stopRequested)
            {
                if (lastCommit.Elapsed >= _settings.CommitInterval)
                {
                    CommitDue(consumer, _partitions.Values);
                    lastCommit.Restart();
                }
                if (!WaitForRoom(lastPoll)) continue;
                ConsumeResult<byte[], byte[]>? result;
                try
                {
                    result = consumer.Consume(_settings.PollTimeout);
                    lastPoll.Restart();
                }
                catch (ConsumeException e) when (!e.Error.IsFatal)
                {
                    _log?.Warning("Kafka consume error on {0}: {1}", e.ConsumerRecord?.TopicPartitionOffset, e.Error.Reason);
                    continue;
                }
                if (result is { IsPartitionEOF: false, Message: not null } && _partitions.TryGetValue(result.TopicPartition, out var state))
                {
                    Buffer.Enqueue(new CommittableRecord(result, state));
                    Interlocked.Increment(ref _buffered);
                    Interlocked.Increment(ref _consumed);
                    if (ClearWaiting()) _onAvailable();
                }
            }
            CommitDue(consumer, _partitions.Values);
            consumer.Close(); // revokes every partition: the revoke handler drains and commits
            _onStopped();
            _done.TrySetResult();
        }
        catch (Exception e)
        {
            _log?.Error(e, "Kafka consumer {0} failed", _settings.GroupId);
            _onFailure(e);
            _done.TrySetException(e);
        }
        finally
        {
            consumer?.Dispose();
        }
    }

    /// <summary>
    /// Backpressure: while the read-ahead buffer is full, stop taking records from librdkafka (whose own prefetch queue is
    /// bounded by queued.max.messages.kbytes) instead of pausing partitions: librdkafka 2.16 resumes a partition paused
    /// for more than ~100 ms only after about 1 s (measured on the mock cluster), which would idle the pipeline. Returns
    /// true when the loop may poll: there is room, or the buffer has been full for <see cref="MaxPollGap"/> (polling then
    /// serves rebalances and keeps the member within max.poll.interval.ms, at the cost of at most one record over the bound).
    /// </summary>
    private bool WaitForRoom(Stopwatch sinceLastPoll)
    {
        if (Volatile.Read(ref _buffered) < _highWatermark) return true;
        _room.Reset();
        if (Volatile.Read(ref _buffered) < _highWatermark) return true; // taken between the check and the reset
        if (_room.Wait(RoomWait)) return true;
        return sinceLastPoll.Elapsed >= MaxPollGap;
    }

    // Partitions that come back with progress whose commit was refused start at that progress (never behind the group's
    // committed offset), so this member does not redo its own acked work.
    private IEnumerable<TopicPartitionOffset> OnAssigned(IConsumer<byte[], byte[]> consumer, List<TopicPartition> assigned)
    {
        var carried = assigned.Where(_refusedCommits.ContainsKey).ToList();
        var committed = carried.Count == 0
            ? []
            : consumer.Committed(carried, TimeSpan.FromSeconds(10)).ToDictionary(o => o.TopicPartition, o => o.Offset.Value);
        var start = new List<TopicPartitionOffset>();
        foreach (var tp in assigned)
        {
            var state = new PartitionState(tp);
            _partitions[tp] = state;
            if (_refusedCommits.Remove(tp, out var ours) && ours > committed.GetValueOrDefault(tp, -1))
            {
                state.CarryOver(ours);
                start.Add(new TopicPartitionOffset(tp, ours));
            }
            else start.Add(new TopicPartitionOffset(tp, Offset.Unset)); // the group's committed offset
        }
        _refusedCommits.Clear(); // progress on partitions that went elsewhere is the new owner's to redo
        _assignment = _partitions.Keys.ToList();
        Interlocked.Increment(ref _rebalances);
        _log?.Info("Kafka group {0}: assigned {1}", _settings.GroupId, string.Join(", ", _assignment));
        return start;
    }

    // Runs on this thread inside Consume/Close, before the partitions go to another member: stop handing out their
    // records, give in-flight ones a bounded time to be acked, and commit what was acked so the next owner starts there.
    private void OnRevoked(IConsumer<byte[], byte[]> consumer, IEnumerable<TopicPartition> revoked)
    {
        var states = revoked.Select(tp => _partitions.GetValueOrDefault(tp)).OfType<PartitionState>().ToList();
        foreach (var s in states) s.Revoke();
        var drain = Stopwatch.StartNew();
        while (states.Any(s => s.Unacked > 0) && drain.Elapsed < _settings.RevokeDrainTimeout) Thread.Sleep(5);
        var unacked = states.Sum(s => s.Unacked);
        if (unacked > 0)
            _log?.Warning("Kafka group {0}: {1} records still unacked after {2}; they will be redelivered", _settings.GroupId, unacked, _settings.RevokeDrainTimeout);
        if (!CommitDue(consumer, states))
            foreach (var s in states)
                if (s.DueCommit() is { } due) _refusedCommits[s.Partition] = due.Offset.Value;
        foreach (var s in states) _partitions.Remove(s.Partition);
        _assignment = _partitions.Keys.ToList();
    }

    private void OnLost(IEnumerable<TopicPartition> lost)
    {
        // The group already gave them away: committing now would fail or overwrite the new owner's progress.
        foreach (var tp in lost)
            if (_partitions.Remove(tp, out var s)) s.Revoke();
        _assignment = _partitions.Keys.ToList();
        _log?.Warning("Kafka group {0}: partitions lost; unacked records will be redelivered to their new owner", _settings.GroupId);
    }

    /// <returns>False when the group refused the commit (the offsets stay due).</returns>
    private bool CommitDue(IConsumer<byte[], byte[]> consumer, IEnumerable<PartitionState> states)
    {
        var due = states.Select(s => (State: s, Offset: s.DueCommit())).Where(x => x.Offset is not null).ToList();
        if (due.Count == 0) return true;
        try
        {
            consumer.Commit(due.Select(x => x.Offset!));
            foreach (var (s, o) in due)
            {
                s.Committed(o!.Offset.Value);
                _committed[o.TopicPartition] = o.Offset.Value;
            }
            Interlocked.Increment(ref _commits);
            return true;
        }
        catch (KafkaException e) when (!e.Error.IsFatal)
        {
            // e.g. a rebalance in progress: the offsets stay due and go with the next commit, or are carried over.
            _log?.Info("Kafka commit for group {0} refused: {1}", _settings.GroupId, e.Error.Reason);
            return false;
        }
    }
}
