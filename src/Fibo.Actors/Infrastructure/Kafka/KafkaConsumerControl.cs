using Confluent.Kafka;

namespace Fibo.Actors.Infrastructure.Kafka;

/// <summary>The materialized value of <see cref="KafkaConsumerSource"/>: stop it gracefully and watch what it committed.</summary>
public sealed class KafkaConsumerControl
{
    private readonly KafkaConsumerLoop _loop;

    internal KafkaConsumerControl(KafkaConsumerLoop loop) => _loop = loop;

    /// <summary>Completes when the consumer has closed (after its final commit); faults if the consumer failed.</summary>
    public Task Completion => _loop.Completion;

    /// <summary>
    /// Stops consuming: no new records are emitted, handed-out records get a bounded time to be acked, acked offsets are
    /// committed, the consumer leaves its group and the source completes.
    /// </summary>
    public Task StopAsync()
    {
        _loop.RequestStop();
        return _loop.Completion;
    }

    /// <summary>The last offset committed per partition by this consumer (the next offset to read).</summary>
    public IReadOnlyDictionary<TopicPartition, long> CommittedOffsets => _loop.CommittedOffsets;

    /// <summary>Partitions this consumer owns right now.</summary>
    public IReadOnlyList<TopicPartition> Assignment => _loop.Assignment;

    public long RecordsConsumed => _loop.RecordsConsumed;
    public long Commits => _loop.Commits;
    public long Rebalances => _loop.Rebalances;

    /// <summary>Records read but dropped because their partition was revoked before they were emitted (redelivered elsewhere).</summary>
    public long RecordsDroppedOnRevoke => _loop.RecordsDroppedOnRevoke;
}
