using Fibo.Messages.MarketData;
using Fibo.Messages.Primitives;

namespace Fibo.Actors.Infrastructure.MarketData;

/// <summary>How a write treats a candle that is already stored (SEED-SPEC §2.2).</summary>
public enum CandleWriteMode
{
    /// <summary>Live stream: INSERT OR IGNORE; a stored candle is never changed.</summary>
    Stream,
    /// <summary>Import/backfill: upsert; the new values and source replace the stored row.</summary>
    Import,
}

/// <summary>Per-series summary of what a store holds.</summary>
public sealed record SeriesInfo(SeriesKey Key, long Rows, long FirstOpenTime, long LastOpenTime);

/// <summary>Candles of one series to write, with the <c>source</c> label stored on each row.</summary>
public sealed record SeriesWrite(SeriesKey Key, IReadOnlyList<Candle> Candles, string Source);

/// <summary>
/// The candle store: the seed's <c>ohlcv</c> table (SQLite on one node, PostgreSQL in a cluster). Times are UTC ms
/// (candle open time). Reads return candles in ascending time order.
/// </summary>
public interface ICandleStore : IAsyncDisposable
{
    /// <summary>A short description for logs and reports (file path or host/database; never a password).</summary>
    string Describe { get; }

    /// <summary>Creates the schema if missing (idempotent); opens a seed-made database as-is.</summary>
    Task InitializeAsync(CancellationToken ct = default);

    /// <summary>Writes candles of one series in one transaction; returns the number of rows inserted or changed.</summary>
    Task<int> WriteAsync(SeriesKey key, IReadOnlyList<Candle> candles, CandleWriteMode mode, string source, CancellationToken ct = default);

    /// <summary>Candles with <paramref name="fromOpenTime"/> ≤ open time ≤ <paramref name="toOpenTime"/> (null: unbounded), ascending.</summary>
    Task<IReadOnlyList<Candle>> ReadRangeAsync(SeriesKey key, long? fromOpenTime = null, long? toOpenTime = null, int? limit = null, CancellationToken ct = default);

    /// <summary>The last <paramref name="count"/> candles, ascending.</summary>
    Task<IReadOnlyList<Candle>> ReadLastAsync(SeriesKey key, int count, CancellationToken ct = default);

    /// <summary>The newest stored open time of a series, or null when it has none.</summary>
    Task<long?> GetLastOpenTimeAsync(SeriesKey key, CancellationToken ct = default);

    /// <summary>Every series in the store with its row count and time range.</summary>
    Task<IReadOnlyList<SeriesInfo>> ListSeriesAsync(CancellationToken ct = default);

    /// <summary>
    /// Writes several series in ONE transaction: either every row is written or none (a multi-file import).
    /// Malformed candles (non-finite, non-positive prices, inconsistent OHLC, misaligned) refuse the whole batch.
    /// <paramref name="progress"/> receives the running count of rows processed.
    /// </summary>
    Task<int> WriteBatchAsync(IReadOnlyList<SeriesWrite> writes, CandleWriteMode mode, IProgress<long>? progress = null, CancellationToken ct = default);

    /// <summary>
    /// Copies the whole store, online, into a SQLite replica file (the seed's replica DB). SQLite uses its backup API;
    /// PostgreSQL copies every series into a fresh SQLite file of the same schema.
    /// </summary>
    Task BackupToAsync(string replicaPath, CancellationToken ct = default);
}
