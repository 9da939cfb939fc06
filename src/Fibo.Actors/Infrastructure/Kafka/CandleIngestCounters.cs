namespace Fibo.Actors.Infrastructure.Kafka;

/// <summary>Running totals of one candle ingest stream (for progress displays and tests).</summary>
public sealed class CandleIngestCounters
{
    private long _stored, _duplicates, _deadLettered, _inFlight, _maxInFlight;

    public long Stored => Interlocked.Read(ref _stored);
    public long Duplicates => Interlocked.Read(ref _duplicates);
    public long DeadLettered => Interlocked.Read(ref _deadLettered);

    /// <summary>Candles sent to their entity and not yet acked.</summary>
    public long InFlight => Interlocked.Read(ref _inFlight);

    /// <summary>The most candles ever waiting for an ack at once (never above the configured maximum).</summary>
    public long MaxInFlightSeen => Interlocked.Read(ref _maxInFlight);

    internal void Stored1() => Interlocked.Increment(ref _stored);
    internal void Duplicate1() => Interlocked.Increment(ref _duplicates);
    internal void DeadLettered1() => Interlocked.Increment(ref _deadLettered);

    internal void AskStarted()
    {
        var now = Interlocked.Increment(ref _inFlight);
        long seen;
        while (now > (seen = Interlocked.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, now, seen) != seen) { }
    }

    internal void AskEnded() => Interlocked.Decrement(ref _inFlight);
}
