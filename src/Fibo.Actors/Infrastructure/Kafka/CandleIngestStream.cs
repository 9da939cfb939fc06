using Akka;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using Fibo.Actors.Hosting.Options;
using Fibo.Actors.Infrastructure.DeadLetters;
using Fibo.Messages.MarketData;

namespace Fibo.Actors.Infrastructure.Kafka;

/// <summary>A running candle ingest stream.</summary>
public sealed class CandleIngestControl(KafkaConsumerControl consumer, Task<Done> completion, CandleIngestCounters counters)
{
    public KafkaConsumerControl Consumer { get; } = consumer;

    /// <summary>Completes when the stream has ended (after <see cref="StopAsync"/>); faults when it failed (e.g. an ask timed out).</summary>
    public Task Completion { get; } = completion;

    public CandleIngestCounters Counters { get; } = counters;

    /// <summary>Stops consuming, lets in-flight candles finish (bounded), commits and waits for the stream to end.</summary>
    public async Task StopAsync()
    {
        await Consumer.StopAsync();
        await Completion;
    }
}

/// <summary>
/// Kafka <c>fibo.candles</c> → series entities, at least once and in per-series order: each record is decoded and
/// checked, sent as <see cref="IngestCandle"/> to <c>target</c> (the <c>candle-series</c> shard region) with at most
/// <c>maxInFlight</c> asks outstanding, and acked for commit only when the entity answers <see cref="CandleIngested"/>
/// (its candle is durable). Poison records (undecodable, invalid, or rejected by the entity) are written to the
/// dead-letter store and then acked, so the partition goes on. An ask that times out or fails fails the stream: nothing
/// past the last acked record is committed, and the owner restarts it (from the committed offsets).
/// </summary>
public static class CandleIngestStream
{
    /// <summary>Runs the ingest of the candle topic configured in <c>Fibo:Kafka</c> (bootstrap from <see cref="KafkaEndpoint"/>).</summary>
    public static CandleIngestControl Run(KafkaOptions options, string bootstrapServers, IActorRef target, IDeadLetterStore deadLetters,
        IMaterializer materializer) =>
        Run(KafkaConsumerSettings.ForCandles(options, bootstrapServers), target, deadLetters, options.MaxInFlight,
            TimeSpan.FromMilliseconds(options.AskTimeoutMs), materializer);

    public static CandleIngestControl Run(KafkaConsumerSettings consumer, IActorRef target, IDeadLetterStore deadLetters,
        int maxInFlight, TimeSpan askTimeout, IMaterializer materializer, TimeProvider? clock = null)
    {
        var counters = new CandleIngestCounters();
        var time = clock ?? TimeProvider.System;
        var (control, completion) = KafkaConsumerSource.Create(consumer)
            .SelectAsync(maxInFlight, record => Process(record, target, deadLetters, askTimeout, counters, time))
            .ToMaterialized(Sink.Ignore<CommittableRecord>(), Keep.Both)
            .Run(materializer);
        return new CandleIngestControl(control, completion, counters);
    }

    private static async Task<CommittableRecord> Process(CommittableRecord record, IActorRef target, IDeadLetterStore deadLetters,
        TimeSpan askTimeout, CandleIngestCounters counters, TimeProvider clock)
    {
        var decoded = CandleKafkaCodec.Decode(record.Key, record.Value, clock.GetUtcNow().ToUnixTimeMilliseconds());
        if (!decoded.Ok)
        {
            await DeadLetter(record, decoded.Error!, deadLetters, counters, clock);
            return record;
        }

        CandleIngested reply;
        counters.AskStarted();
        try
        {
            var source = new KafkaOffset(record.Topic, record.Partition, record.Offset);
            reply = await target.Ask<CandleIngested>(new IngestCandle(decoded.Series, decoded.Candle, source), askTimeout);
        }
        finally
        {
            counters.AskEnded();
        }
        if (reply.Series != decoded.Series || reply.OpenTime != decoded.Candle.OpenTime)
            throw new InvalidOperationException(
                $"the series entity answered for {reply.Series}@{reply.OpenTime} to a candle {decoded.Series}@{decoded.Candle.OpenTime} ({record})");

        switch (reply.Outcome)
        {
            case IngestOutcome.Stored: counters.Stored1(); record.Ack(); break;
            case IngestOutcome.Duplicate: counters.Duplicate1(); record.Ack(); break;
            case IngestOutcome.Rejected:
                await DeadLetter(record, $"rejected by series {decoded.Series}: {reply.Reason ?? "no reason given"}", deadLetters, counters, clock);
                break;
            default: throw new InvalidOperationException($"unknown ingest outcome {reply.Outcome} for {record}");
        }
        return record;
    }

    private static async Task DeadLetter(CommittableRecord record, string reason, IDeadLetterStore store, CandleIngestCounters counters, TimeProvider clock)
    {
        await store.AddAsync(new DeadLetter(record.Topic, record.Partition, record.Offset, record.Key, record.Value, reason, clock.GetUtcNow()));
        counters.DeadLettered1();
        record.Ack();
    }
}
