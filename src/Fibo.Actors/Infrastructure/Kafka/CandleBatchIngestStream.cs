using Akka;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using Fibo.Actors.Infrastructure.DeadLetters;
using Fibo.Messages.MarketData;
using Fibo.Messages.Primitives;

namespace Fibo.Actors.Infrastructure.Kafka;

/// <summary>
/// The candle ingest of <see cref="CandleIngestStream"/> with one ask per series per batch instead of one per record: the
/// records the consumer has ready (up to <c>maxBatch</c>; none are waited for) are decoded, poison ones dead-lettered,
/// the rest grouped by series in their partition order and sent as one <see cref="IngestCandles"/> per series; each record
/// is acked for commit once its entity answered that its candle is durable. Batches are sent in order, so each series
/// still sees its candles in order; at most <c>maxInFlight</c> records wait for answers. Same guarantees, fewer messages.
/// </summary>
public static class CandleBatchIngestStream
{
    public static CandleIngestControl Run(KafkaConsumerSettings consumer, IActorRef target, IDeadLetterStore deadLetters, int maxInFlight, int maxBatch,
        TimeSpan askTimeout, IMaterializer materializer, TimeProvider? clock = null)
    {
        var counters = new CandleIngestCounters();
        var time = clock ?? TimeProvider.System;
        var batch = Math.Max(1, maxBatch);
        var (control, completion) = KafkaConsumerSource.Create(consumer)
            .Batch(batch, r => new List<CommittableRecord>(batch) { r }, (list, r) =>
            {
                list.Add(r);
                return list;
            })
            .SelectAsync(Math.Max(1, maxInFlight / batch), records => Process(records, target, deadLetters, askTimeout, counters, time))
            .ToMaterialized(Sink.Ignore<int>(), Keep.Both)
            .Run(materializer);
        return new CandleIngestControl(control, completion, counters);
    }

    private static async Task<int> Process(List<CommittableRecord> records, IActorRef target, IDeadLetterStore deadLetters, TimeSpan askTimeout,
        CandleIngestCounters counters, TimeProvider clock)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var groups = new Dictionary<SeriesKey, (List<Candle> Candles, List<KafkaOffset> Sources, List<CommittableRecord> Records)>();
        var order = new List<SeriesKey>();
        var poison = new List<(CommittableRecord Record, string Reason)>();
        foreach (var record in records)
        {
            var decoded = CandleKafkaCodec.Decode(record.Key, record.Value, now);
            if (!decoded.Ok)
            {
                poison.Add((record, decoded.Error!));
                continue;
            }
            if (!groups.TryGetValue(decoded.Series, out var g))
            {
                groups[decoded.Series] = g = ([], [], []);
                order.Add(decoded.Series);
            }
            g.Candles.Add(decoded.Candle);
            g.Sources.Add(new KafkaOffset(record.Topic, record.Partition, record.Offset));
            g.Records.Add(record);
        }

        // Every series' ask leaves now, in batch order; the answers are awaited together.
        var asks = order.Select(series =>
        {
            var g = groups[series];
            for (var i = 0; i < g.Candles.Count; i++) counters.AskStarted();
            return target.Ask<CandlesIngested>(new IngestCandles(series, g.Candles, g.Sources), askTimeout);
        }).ToList();
        foreach (var (record, reason) in poison) await DeadLetter(record, reason, deadLetters, counters, clock);
        try
        {
            await Task.WhenAll(asks);
        }
        finally
        {
            foreach (var series in order) for (var i = 0; i < groups[series].Candles.Count; i++) counters.AskEnded();
        }

        for (var s = 0; s < order.Count; s++)
        {
            var g = groups[order[s]];
            var reply = asks[s].Result;
            if (reply.Series != order[s] || reply.Outcomes.Count != g.Candles.Count)
                throw new InvalidOperationException($"the entity of {order[s]} answered {reply.Outcomes.Count} outcomes for {reply.Series} to {g.Candles.Count} candles");
            for (var i = 0; i < g.Records.Count; i++)
            {
                var outcome = reply.Outcomes[i];
                if (outcome.OpenTime != g.Candles[i].OpenTime)
                    throw new InvalidOperationException($"the entity of {order[s]} answered for {outcome.OpenTime} to the candle {g.Candles[i].OpenTime} ({g.Records[i]})");
                switch (outcome.Outcome)
                {
                    case IngestOutcome.Stored: counters.Stored1(); g.Records[i].Ack(); break;
                    case IngestOutcome.Duplicate: counters.Duplicate1(); g.Records[i].Ack(); break;
                    case IngestOutcome.Rejected:
                        await DeadLetter(g.Records[i], $"rejected by series {order[s]}: {outcome.Reason ?? "no reason given"}", deadLetters, counters, clock);
                        break;
                    default: throw new InvalidOperationException($"unknown ingest outcome {outcome.Outcome} for {g.Records[i]}");
                }
            }
        }
        return records.Count;
    }

    private static async Task DeadLetter(CommittableRecord record, string reason, IDeadLetterStore store, CandleIngestCounters counters, TimeProvider clock)
    {
        await store.AddAsync(new DeadLetter(record.Topic, record.Partition, record.Offset, record.Key, record.Value, reason, clock.GetUtcNow()));
        counters.DeadLettered1();
        record.Ack();
    }
}
