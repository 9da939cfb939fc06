namespace Fibo.Actors.Infrastructure.DeadLetters;

/// <summary>
/// A Kafka record that could not be ingested (undecodable, invalid candle, or rejected by its entity), kept with the
/// exact bytes and the reason so it can be inspected and replayed; its offset was committed past it.
/// </summary>
public sealed record DeadLetter(
    string Topic,
    int Partition,
    long Offset,
    string? Key,
    byte[] Value,
    string Reason,
    DateTimeOffset Time);
