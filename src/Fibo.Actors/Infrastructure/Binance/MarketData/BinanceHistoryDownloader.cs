using Fibo.Actors.Domain;
using Fibo.Actors.Domain.MarketData;
using Fibo.Actors.Infrastructure.MarketData;
using Fibo.Messages.Primitives;

namespace Fibo.Actors.Infrastructure.Binance.MarketData;

/// <summary>What a history download did.</summary>
/// <param name="ResumedAt">The stored candle the download continued from (it is fetched again), or null for a fresh start.</param>
/// <param name="Missing">Candles of the range Binance has no data for (exchange outages); gaps stay gaps.</param>
public sealed record HistoryDownloadReport(SeriesKey Series, long From, long To, long? ResumedAt, int Written, int Requests,
    long? FirstOpenTime, long? LastOpenTime, long Missing, bool UpToDate);

/// <summary>Progress of a download: candles handled so far out of the range's candle count.</summary>
public readonly record struct HistoryDownloadProgress(long Done, long Total);

/// <summary>
/// Downloads a series' closed candles from Binance REST klines into a candle store (import mode: upsert, source
/// <c>binance_rest</c>), one page of 1000 per transaction. Resumable: a second run continues at the newest stored
/// candle of the range, fetching that one again so a candle stored before it closed gets its final values.
/// </summary>
public static class BinanceHistoryDownloader
{
    public const string Source = "binance_rest";

    public static async Task<HistoryDownloadReport> DownloadAsync(BinanceMarketData market, ICandleStore store, SeriesKey series,
        long fromOpenTime, long toOpenTime, IProgress<HistoryDownloadProgress>? progress = null, CancellationToken ct = default)
    {
        var tf = series.Timeframe;
        if (!tf.IsBinanceInterval)
            throw new InputException($"series {series}: {tf.Code} is not a Binance kline interval (use one of {string.Join(", ", Timeframe.BinanceIntervals)})");
        long from = tf.Floor(fromOpenTime);
        if (from < fromOpenTime) from = tf.Add(from);
        long to = tf.Floor(toOpenTime);
        if (to < from) throw new InputException($"--to {TimestampUnits.Iso(toOpenTime)} is before --from {TimestampUnits.Iso(fromOpenTime)}: no {tf.Code} candle opens in that range");

        await store.InitializeAsync(ct);
        long? resumedAt = null;
        if (await store.GetLastOpenTimeAsync(series, ct) is { } newest && newest >= from)
        {
            // Usually the newest stored candle lies in the range; when the store already reaches past it, find the
            // newest one inside the range (a rarer, slower read).
            long? inRange = newest <= to ? newest : (await store.ReadRangeAsync(series, from, to, ct: ct)) is { Count: > 0 } r ? r[^1].OpenTime : null;
            if (inRange is { } t)
            {
                resumedAt = t;
                from = t;
            }
        }

        long total = tf.CandlesBetween(from, to) + 1;
        int written = 0, requests = 0;
        long done = 0;
        long? first = null, last = null;
        progress?.Report(new HistoryDownloadProgress(0, total));
        await foreach (var page in market.GetKlineRangeAsync(series, from, to, closedOnly: true, ct))
        {
            requests++;
            written += await store.WriteAsync(series, page, CandleWriteMode.Import, Source, ct);
            first ??= page[0].OpenTime;
            last = page[^1].OpenTime;
            done = tf.CandlesBetween(from, last.Value) + 1;
            progress?.Report(new HistoryDownloadProgress(done, total));
        }
        long received = last is { } l ? tf.CandlesBetween(from, l) + 1 : 0;
        long got = (await store.ReadRangeAsync(series, from, last ?? from - 1, ct: ct)).Count;
        return new HistoryDownloadReport(series, fromOpenTime, toOpenTime, resumedAt, written, requests, first, last,
            Missing: received - got, UpToDate: last == to);
    }
}
