using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Persistence;
using Fibo.Messages.Serialization;

namespace Fibo.Actors.Tests.Support;

/// <summary>Messages of the test entity: real IFiboMessages, so they go through the strict Fibo serializer into the journal.</summary>
[MessageManifest("test-counter-add.v1")]
public sealed record AddToCounter(string CounterId, int Amount) : IFiboMessage;

[MessageManifest("test-counter-get.v1")]
public sealed record GetCounter(string CounterId) : IFiboMessage;

[MessageManifest("test-counter-value.v1")]
public sealed record CounterValue(string CounterId, int Value, long SequenceNr) : IFiboMessage;

[MessageManifest("test-counter-added.v1")]
public sealed record CounterAdded(int Amount) : IFiboMessage;

[MessageManifest("test-counter-snapshot.v1")]
public sealed record CounterSnapshot(int Value) : IFiboMessage;

/// <summary>Region key for the registry.</summary>
public sealed class CounterRegion;

/// <summary>A sharded persistent counter that snapshots every 3 events: exercises journal, snapshots and recovery.</summary>
public sealed class CounterEntity : ReceivePersistentActor
{
    public const string TypeName = "test-counter";

    public static readonly IMessageExtractor Extractor = HashCodeMessageExtractor.Create(10, m => m switch
    {
        AddToCounter a => a.CounterId,
        GetCounter g => g.CounterId,
        _ => null!,
    });

    private int _value;

    public CounterEntity(string id)
    {
        PersistenceId = $"test-counter-{id}";
        Recover<CounterAdded>(e => _value += e.Amount);
        Recover<SnapshotOffer>(o => _value = ((CounterSnapshot)o.Snapshot).Value);
        Command<AddToCounter>(cmd => Persist(new CounterAdded(cmd.Amount), e =>
        {
            _value += e.Amount;
            if (LastSequenceNr % 3 == 0) SaveSnapshot(new CounterSnapshot(_value));
            Sender.Tell(new CounterValue(id, _value, LastSequenceNr));
        }));
        Command<GetCounter>(_ => Sender.Tell(new CounterValue(id, _value, LastSequenceNr)));
        Command<SaveSnapshotSuccess>(_ => { });
        Command<SaveSnapshotFailure>(f => throw new InvalidOperationException("snapshot failed", f.Cause));
    }

    public override string PersistenceId { get; }
}
