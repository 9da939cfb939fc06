using Akka.Actor;
using Fibo.Messages.MarketData;
using Fibo.Messages.Primitives;

namespace Fibo.Actors.Actors.MarketData;

// Node-local messages of the candle writer (never serialized: the writer and its series entities share a node).

/// <summary>
/// Store these candles of one series (upserts, in order) and, once the transaction that holds them committed, send
/// <paramref name="Reply"/> to <paramref name="ReplyTo"/> (<see cref="ActorRefs.Nobody"/> for none). <paramref name="Source"/>
/// is the rows' <c>source</c> label. If the transaction fails, the sender (the series entity) gets
/// <see cref="CandleWriteFailed"/> and <paramref name="ReplyTo"/> a <see cref="Status.Failure"/>.
/// </summary>
public sealed record WriteCandles(SeriesKey Series, IReadOnlyList<Candle> Candles, string Source, IActorRef ReplyTo, object Reply);

/// <summary>Send <paramref name="Reply"/> to <paramref name="ReplyTo"/> once every write received before this one committed.</summary>
public sealed record WriteBarrier(IActorRef ReplyTo, object Reply);

/// <summary>A write of this series failed: the entity's in-memory state is ahead of the store and must be rebuilt.</summary>
public sealed record CandleWriteFailed(SeriesKey Series, long OpenTime, string Reason);

/// <summary>The answer of a <see cref="WriteBarrier"/> the series entity asks for itself.</summary>
public sealed class WritesCommitted
{
    public static readonly WritesCommitted Instance = new();
    private WritesCommitted() { }
}
