using Fibo.Actors.Infrastructure.MarketData;
using Fibo.Messages.MarketData;
using Fibo.Messages.Primitives;

namespace Fibo.Actors.Tests.Support;

/// <summary>A real SQLite candle store whose batch writes fail while <see cref="Failing"/> is set (a disk that errors).</summary>
public sealed class FlakyCandleStore(ICandleStore inner) : ICandleStore
{
    private int _failures;

    public volatile bool Failing;

    public int Failures => Volatile.Read(ref _failures);

    public string Describe => inner.Describe;

    public Task InitializeAsync(CancellationToken ct = default) => inner.InitializeAsync(ct);

    public Task<int> WriteAsync(SeriesKey key, IReadOnlyList<Candle> candles, CandleWriteMode mode, string source, CancellationToken ct = default) =>
        WriteBatchAsync([new SeriesWrite(key, candles, source)], mode, null, ct);

    public Task<int> WriteBatchAsync(IReadOnlyList<SeriesWrite> writes, CandleWriteMode mode, IProgress<long>? progress = null, CancellationToken ct = default)
    {
        if (Failing)
        {
            Interlocked.Increment(ref _failures);
            throw new IOException("disk I/O error (simulated)");
        }
        return inner.WriteBatchAsync(writes, mode, progress, ct);
    }

    public Task<IReadOnlyList<Candle>> ReadRangeAsync(SeriesKey key, long? fromOpenTime = null, long? toOpenTime = null, int? limit = null, CancellationToken ct = default) =>
        inner.ReadRangeAsync(key, fromOpenTime, toOpenTime, limit, ct);

    public Task<IReadOnlyList<Candle>> ReadLastAsync(SeriesKey key, int count, CancellationToken ct = default) => inner.ReadLastAsync(key, count, ct);

    public Task<long?> GetLastOpenTimeAsync(SeriesKey key, CancellationToken ct = default) => inner.GetLastOpenTimeAsync(key, ct);

    public Task<IReadOnlyList<SeriesInfo>> ListSeriesAsync(CancellationToken ct = default) => inner.ListSeriesAsync(ct);

    public Task BackupToAsync(string replicaPath, CancellationToken ct = default) => inner.BackupToAsync(replicaPath, ct);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
