using System.Collections.Concurrent;
using Akka.Actor;
using Fibo.Messages.MarketData;
using Fibo.Messages.Primitives;

namespace Fibo.Actors.Tests.Support;

/// <summary>What the test target saw, shared with the test thread.</summary>
public sealed class IngestTargetLog
{
    private int _outstanding, _maxOutstanding;
    public ConcurrentQueue<IngestCandle> Received { get; } = new();
    public ConcurrentQueue<IngestCandle> Acked { get; } = new();
    public int MaxOutstanding => Volatile.Read(ref _maxOutstanding);

    internal void Started()
    {
        var now = Interlocked.Increment(ref _outstanding);
        int seen;
        while (now > (seen = Volatile.Read(ref _maxOutstanding)) && Interlocked.CompareExchange(ref _maxOutstanding, now, seen) != seen) { }
    }

    internal void Ended() => Interlocked.Decrement(ref _outstanding);

    /// <summary>Open times received per series, in arrival order.</summary>
    public Dictionary<SeriesKey, List<long>> ReceivedBySeries() =>
        Received.GroupBy(m => m.Series).ToDictionary(g => g.Key, g => g.Select(m => m.Candle.OpenTime).ToList());
}

/// <summary>
/// Stands in for the candle-series region: answers <see cref="CandleIngested"/> after a delay, stops answering after a
/// number of candles (a stalled store), or rejects chosen candles.
/// </summary>
public sealed class IngestTargetActor : ReceiveActor, IWithTimers
{
    private sealed record Reply(IActorRef To, IngestCandle Message);

    public ITimerScheduler Timers { get; set; } = null!;

    public IngestTargetActor(IngestTargetLog log, TimeSpan delay, int? answerOnlyFirst = null, Func<IngestCandle, string?>? reject = null)
    {
        var answered = 0;
        var timerKey = 0L;
        Receive<IngestCandle>(m =>
        {
            log.Received.Enqueue(m);
            if (answerOnlyFirst is { } limit && answered >= limit) return; // stalled: never answers
            answered++;
            log.Started();
            if (delay > TimeSpan.Zero) Timers.StartSingleTimer(timerKey++, new Reply(Sender, m), delay);
            else Answer(Sender, m);
        });
        Receive<Reply>(r => Answer(r.To, r.Message));

        void Answer(IActorRef to, IngestCandle m)
        {
            log.Ended();
            var reason = reject?.Invoke(m);
            if (reason is null) log.Acked.Enqueue(m);
            to.Tell(new CandleIngested(m.Series, m.Candle.OpenTime, reason is null ? IngestOutcome.Stored : IngestOutcome.Rejected, reason));
        }
    }
}
