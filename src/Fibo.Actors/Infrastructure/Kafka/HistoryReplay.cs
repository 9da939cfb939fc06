using System.Collections.Concurrent;
using System.Diagnostics;
using Fibo.Actors.Domain;
using Fibo.Actors.Domain.MarketData;
using Fibo.Actors.Infrastructure.MarketData;
using Fibo.Actors.Infrastructure.MarketData.Files;
using Fibo.Messages.MarketData;
using Fibo.Messages.Primitives;

namespace Fibo.Actors.Infrastructure.Kafka;

/// <summary>How far a replay got.</summary>
public readonly record struct ReplayProgress(long Published, long Total, double CandlesPerSecond, long CurrentOpenTime);

/// <summary>
/// History published into the candle topic as if it were a live market: every series' candles merged by open time (one
/// series after another when their times tie, in the order given), keyed by series so each stays ordered in its
/// partition. <c>speed</c> is the time factor: 60 replays an hour in a minute; 0 publishes as fast as the producer can.
/// Idle stretches longer than a second of replay time (gaps, series that start later) are skipped.
/// </summary>
public static class HistoryReplay
{
    /// <summary>The candles of every series merged into one market, ordered by open time.</summary>
    public static IReadOnlyList<KeyedCandle> Market(IEnumerable<(SeriesKey Series, IReadOnlyList<Candle> Candles)> series)
    {
        var all = new List<(KeyedCandle Candle, int Series, int Index)>();
        var s = 0;
        foreach (var (key, candles) in series)
        {
            for (var i = 0; i < candles.Count; i++) all.Add((new KeyedCandle(key, candles[i]), s, i));
            s++;
        }
        return all.OrderBy(x => x.Candle.Candle.OpenTime).ThenBy(x => x.Series).ThenBy(x => x.Index).Select(x => x.Candle).ToList();
    }

    /// <summary>Publishes the market; returns how many candles the broker acknowledged (all of them, or it throws).</summary>
    public static async Task<long> PublishAsync(CandleKafkaProducer producer, IReadOnlyList<KeyedCandle> market, double speed,
        IProgress<ReplayProgress>? progress = null, CancellationToken ct = default)
    {
        if (!(speed >= 0) || double.IsInfinity(speed)) throw new InputException($"--speed {speed}: use 0 (as fast as possible) or a positive time factor such as 1000");
        var errors = new ConcurrentQueue<string>();
        var clock = Stopwatch.StartNew();
        var replayMs = 0.0; // where the replay should be, in wall milliseconds
        var lastReport = TimeSpan.Zero;
        for (var i = 0; i < market.Count; i++)
        {
            ct.ThrowIfCancellationRequested();
            var c = market[i];
            if (speed > 0 && i > 0)
            {
                var step = (c.Candle.OpenTime - market[i - 1].Candle.OpenTime) / speed;
                replayMs += Math.Min(step, 1_000);
                var ahead = replayMs - clock.Elapsed.TotalMilliseconds;
                if (ahead > 5) await Task.Delay(TimeSpan.FromMilliseconds(ahead), ct);
            }
            while (true)
            {
                try
                {
                    producer.Produce(c.Series, c.Candle, r => { if (r.Error.IsError) errors.Enqueue($"{c.Series}@{c.Candle.OpenTime}: {r.Error.Reason}"); });
                    break;
                }
                catch (Confluent.Kafka.ProduceException<string, byte[]> e) when (e.Error.Code == Confluent.Kafka.ErrorCode.Local_QueueFull)
                {
                    // The client's send queue is full (a fast replay): let it drain, then send this candle again.
                    await Task.Run(() => producer.Flush(TimeSpan.FromMilliseconds(200)), ct);
                }
            }
            if (!errors.IsEmpty) break;
            if (progress is not null && (clock.Elapsed - lastReport > TimeSpan.FromMilliseconds(200) || i == market.Count - 1))
            {
                lastReport = clock.Elapsed;
                progress.Report(new ReplayProgress(i + 1, market.Count, (i + 1) / Math.Max(1e-3, clock.Elapsed.TotalSeconds), c.Candle.OpenTime));
            }
        }
        var left = await Task.Run(() => producer.Flush(TimeSpan.FromSeconds(60)), ct);
        if (!errors.IsEmpty) throw new InvalidOperationException($"Kafka refused candles: {string.Join("; ", errors.Take(3))}");
        if (left > 0) throw new TimeoutException($"{left} candles were still unacknowledged by Kafka after 60 s");
        return market.Count;
    }

    /// <summary>
    /// The series to replay from candle files (each validated whole: a bad row refuses the file and names it) and/or a
    /// candle store (every series it holds, or the <paramref name="only"/> ones).
    /// </summary>
    public static async Task<List<(SeriesKey Series, IReadOnlyList<Candle> Candles)>> LoadAsync(IReadOnlyList<string> files, string? db,
        IReadOnlyCollection<SeriesKey>? only = null, CancellationToken ct = default)
    {
        var result = new List<(SeriesKey, IReadOnlyList<Candle>)>();
        foreach (var path in files)
        {
            var file = CandleFileReader.Read(path);
            if (file.ParseIssues.Count > 0) throw CandleValidationException.Refusing(file.ParseIssues, "Fix or remove these rows, then replay again.");
            foreach (var s in file.Series)
            {
                if (only is { Count: > 0 } && !only.Contains(s.Key)) continue;
                var validation = CandleValidator.Validate(file.Path, s.Key.Timeframe, s.Rows, file.LineLabel);
                if (!validation.IsValid) throw CandleValidationException.Refusing(validation.Issues, "Fix or remove these rows, then replay again.");
                result.Add((s.Key, validation.Valid));
            }
        }
        if (!string.IsNullOrWhiteSpace(db))
        {
            await using var store = await CandleStores.OpenAsync(db, createIfMissing: false, ct);
            var series = await store.ListSeriesAsync(ct);
            foreach (var info in series.Where(s => only is not { Count: > 0 } || only.Contains(s.Key)))
                result.Add((info.Key, await store.ReadRangeAsync(info.Key, ct: ct)));
            if (series.Count == 0) throw new InputException($"{store.Describe}: the candle store is empty; import candles first (fibo data import)");
        }
        if (result.Count == 0)
            throw new InputException(only is { Count: > 0 }
                ? $"none of the series {string.Join(", ", only)} is in the given files or store"
                : "nothing to replay: give candle files (--replay FILE) or a candle store (--db DB)");
        return result;
    }
}
