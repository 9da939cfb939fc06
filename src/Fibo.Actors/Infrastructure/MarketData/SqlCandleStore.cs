using System.Data;
using System.Data.Common;
using Fibo.Actors.Domain.MarketData;
using Fibo.Messages.MarketData;
using Fibo.Messages.Primitives;

namespace Fibo.Actors.Infrastructure.MarketData;

/// <summary>
/// What the SQLite and PostgreSQL stores share: the seed's <c>ohlcv</c> table and the same SQL. Reads find every
/// spelling a seed database may hold (symbol <c>ETHBTC</c>, <c>ETH/BTC</c>, …; ts in ms or seconds, told apart by
/// <see cref="TimestampUnits"/>), one index range scan per spelling and unit, merged in time order; a candle stored
/// twice under two spellings is returned once, the canonical row winning. Writes store the exchange symbol and ms.
/// The schema is created on first use, so a store is usable right after construction.
/// </summary>
public abstract class SqlCandleStore : ICandleStore
{
    private readonly SemaphoreSlim _initLock = new(1, 1);
    private volatile bool _initialized;
    private bool _hasSource = true;

    /// <summary>Rows between progress reports and cancellation checks while writing.</summary>
    protected const int ProgressEvery = 2048;

    public abstract string Describe { get; }

    /// <summary>An open connection (pooled).</summary>
    protected abstract ValueTask<DbConnection> OpenConnectionAsync(CancellationToken ct);

    /// <summary>Creates what is missing of the schema and returns the columns of <c>ohlcv</c> (lower case).</summary>
    protected abstract Task<IReadOnlySet<string>> EnsureSchemaAsync(DbConnection connection, CancellationToken ct);

    public abstract Task BackupToAsync(string replicaPath, CancellationToken ct = default);

    public virtual ValueTask DisposeAsync()
    {
        _initLock.Dispose();
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    /// <summary>True when the table has the seed's <c>source</c> column (older minimal tables do not).</summary>
    protected bool HasSourceColumn => _hasSource;

    public async Task InitializeAsync(CancellationToken ct = default)
    {
        if (_initialized) return;
        await _initLock.WaitAsync(ct);
        try
        {
            if (_initialized) return;
            await using var c = await OpenConnectionAsync(ct);
            var columns = await EnsureSchemaAsync(c, ct);
            var missing = OhlcvSchema.RequiredColumns.Where(col => !columns.Contains(col)).ToList();
            if (missing.Count > 0)
                throw new Domain.InputException($"{Describe}: table ohlcv lacks column(s) {string.Join(", ", missing)}; it is not a candle table of the seed's schema");
            _hasSource = columns.Contains("source");
            _initialized = true;
        }
        finally
        {
            _initLock.Release();
        }
    }

    /// <summary>An open connection on an initialised schema.</summary>
    protected async ValueTask<DbConnection> ConnectAsync(CancellationToken ct)
    {
        await InitializeAsync(ct);
        return await OpenConnectionAsync(ct);
    }

    // ---------------------------------------------------------------- writes

    public Task<int> WriteAsync(SeriesKey key, IReadOnlyList<Candle> candles, CandleWriteMode mode, string source, CancellationToken ct = default) =>
        WriteBatchAsync([new SeriesWrite(key, candles, source)], mode, null, ct);

    public async Task<int> WriteBatchAsync(IReadOnlyList<SeriesWrite> writes, CandleWriteMode mode, IProgress<long>? progress = null, CancellationToken ct = default)
    {
        if (!AcceptsWrites) throw new InvalidOperationException($"{Describe} is open read-only");
        foreach (var w in writes) CandleValidator.EnsureWellFormed($"write to {w.Key}", w.Key.Timeframe, w.Candles);
        if (writes.All(w => w.Candles.Count == 0)) return 0;
        await using var c = await ConnectAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        int changed = await WriteRowsAsync(c, tx, writes, mode, progress, ct);
        await tx.CommitAsync(ct);
        progress?.Report(writes.Sum(w => (long)w.Candles.Count));
        return changed;
    }

    /// <summary>The INSERT for a write mode: stream = insert-or-ignore, import = upsert replacing values and source.</summary>
    protected string InsertSql(CandleWriteMode mode, string valuesClause)
    {
        var columns = "symbol, timeframe, ts, open, high, low, close, volume" + (_hasSource ? ", source" : "");
        var conflict = mode == CandleWriteMode.Stream
            ? "ON CONFLICT (symbol, timeframe, ts) DO NOTHING"
            : "ON CONFLICT (symbol, timeframe, ts) DO UPDATE SET open = excluded.open, high = excluded.high, low = excluded.low, " +
              "close = excluded.close, volume = excluded.volume" + (_hasSource ? ", source = excluded.source" : "");
        return $"INSERT INTO ohlcv ({columns}) {valuesClause} {conflict}";
    }

    /// <summary>
    /// Writes every row inside the open transaction with prepared commands reused for every row (the
    /// Microsoft.Data.Sqlite bulk-insert guidance). An import (upsert) is an insert-or-ignore followed, only for a
    /// candle already stored, by an UPDATE of its values and source: the same effect as the seed's
    /// <c>ON CONFLICT DO UPDATE</c>, but SQLite runs a DO UPDATE upsert about 3× slower on a table with an UPDATE
    /// trigger (the seed's <c>trg_ohlcv_updated_at</c>) even when nothing conflicts (measured: 46 k vs 146 k rows/s).
    /// </summary>
    protected virtual async Task<int> WriteRowsAsync(DbConnection c, DbTransaction tx, IReadOnlyList<SeriesWrite> writes, CandleWriteMode mode,
        IProgress<long>? progress, CancellationToken ct)
    {
        await using var insert = c.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = InsertSql(CandleWriteMode.Stream, "VALUES (@symbol, @timeframe, @ts, @open, @high, @low, @close, @volume" + (_hasSource ? ", @source)" : ")"));
        var ins = RowParameters.Add(insert, _hasSource);
        insert.Prepare();

        await using var update = mode == CandleWriteMode.Import ? c.CreateCommand() : null;
        RowParameters? upd = null;
        if (update is not null)
        {
            update.Transaction = tx;
            update.CommandText = "UPDATE ohlcv SET open = @open, high = @high, low = @low, close = @close, volume = @volume" + (_hasSource ? ", source = @source" : "") +
                                 " WHERE symbol = @symbol AND timeframe = @timeframe AND ts = @ts";
            upd = RowParameters.Add(update, _hasSource);
            update.Prepare();
        }

        int changed = 0;
        long done = 0;
        foreach (var w in writes)
        {
            ins.SetSeries(w);
            upd?.SetSeries(w);
            foreach (var candle in w.Candles)
            {
                ins.SetCandle(candle);
                int n = ExecutesSynchronously ? insert.ExecuteNonQuery() : await insert.ExecuteNonQueryAsync(ct);
                if (n == 0 && update is not null)
                {
                    upd!.SetCandle(candle);
                    n = ExecutesSynchronously ? update.ExecuteNonQuery() : await update.ExecuteNonQueryAsync(ct);
                }
                changed += n;
                if (++done % ProgressEvery == 0)
                {
                    ct.ThrowIfCancellationRequested();
                    progress?.Report(done);
                }
            }
        }
        return changed;
    }

    /// <summary>The parameters of one row of the <c>ohlcv</c> table on a command.</summary>
    private sealed class RowParameters
    {
        private DbParameter _symbol = null!, _timeframe = null!, _ts = null!, _open = null!, _high = null!, _low = null!, _close = null!, _volume = null!;
        private DbParameter? _source;

        public static RowParameters Add(DbCommand cmd, bool withSource) => new()
        {
            _symbol = Parameter(cmd, "@symbol", DbType.String),
            _timeframe = Parameter(cmd, "@timeframe", DbType.String),
            _ts = Parameter(cmd, "@ts", DbType.Int64),
            _open = Parameter(cmd, "@open", DbType.Double),
            _high = Parameter(cmd, "@high", DbType.Double),
            _low = Parameter(cmd, "@low", DbType.Double),
            _close = Parameter(cmd, "@close", DbType.Double),
            _volume = Parameter(cmd, "@volume", DbType.Double),
            _source = withSource ? Parameter(cmd, "@source", DbType.String) : null,
        };

        public void SetSeries(SeriesWrite w)
        {
            _symbol.Value = w.Key.Symbol.Exchange;
            _timeframe.Value = w.Key.Timeframe.Code;
            if (_source is not null) _source.Value = w.Source;
        }

        public void SetCandle(in Candle c)
        {
            _ts.Value = c.OpenTime;
            _open.Value = c.Open;
            _high.Value = c.High;
            _low.Value = c.Low;
            _close.Value = c.Close;
            _volume.Value = c.Volume;
        }
    }

    /// <summary>False for a store opened read-only.</summary>
    protected virtual bool AcceptsWrites => true;

    /// <summary>True where the provider's async calls are synchronous anyway (SQLite): skip their overhead per row.</summary>
    protected virtual bool ExecutesSynchronously => false;

    protected static DbParameter Parameter(DbCommand cmd, string name, DbType type, object? value = null)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.DbType = type;
        if (value is not null) p.Value = value;
        cmd.Parameters.Add(p);
        return p;
    }

    // ---------------------------------------------------------------- reads

    public async Task<IReadOnlyList<Candle>> ReadRangeAsync(SeriesKey key, long? fromOpenTime = null, long? toOpenTime = null, int? limit = null, CancellationToken ct = default)
    {
        if (limit is <= 0) return [];
        var parts = await ReadSegmentsAsync(key, fromOpenTime ?? long.MinValue, toOpenTime ?? long.MaxValue, limit, descending: false, ct);
        var merged = Merge(parts);
        return limit is { } n && merged.Count > n ? merged.GetRange(0, n) : merged;
    }

    public async Task<IReadOnlyList<Candle>> ReadLastAsync(SeriesKey key, int count, CancellationToken ct = default)
    {
        if (count <= 0) return [];
        var parts = await ReadSegmentsAsync(key, long.MinValue, long.MaxValue, count, descending: true, ct);
        var merged = Merge(parts);
        return merged.Count > count ? merged.GetRange(merged.Count - count, count) : merged;
    }

    public async Task<long?> GetLastOpenTimeAsync(SeriesKey key, CancellationToken ct = default)
    {
        var last = await ReadLastAsync(key, 1, ct);
        return last.Count == 0 ? null : last[0].OpenTime;
    }

    /// <summary>One ascending list per (spelling, unit) that has rows, canonical spelling first.</summary>
    private async Task<List<List<Candle>>> ReadSegmentsAsync(SeriesKey key, long fromMs, long toMs, int? limit, bool descending, CancellationToken ct)
    {
        var parts = new List<List<Candle>>();
        if (fromMs > toMs) return parts;
        await using var c = await ConnectAsync(ct);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT ts, open, high, low, close, volume FROM ohlcv WHERE symbol = @symbol AND timeframe = @timeframe AND ts >= @lo AND ts <= @hi " +
                          (descending ? "ORDER BY ts DESC" : "ORDER BY ts ASC") + (limit is not null ? " LIMIT @limit" : "");
        var pSymbol = Parameter(cmd, "@symbol", DbType.String);
        Parameter(cmd, "@timeframe", DbType.String, key.Timeframe.Code);
        var pLo = Parameter(cmd, "@lo", DbType.Int64);
        var pHi = Parameter(cmd, "@hi", DbType.Int64);
        if (limit is { } n) Parameter(cmd, "@limit", DbType.Int64, (long)n);

        foreach (var spelling in OhlcvSchema.SymbolSpellings(key.Symbol))
        {
            pSymbol.Value = spelling;
            foreach (var unit in new[] { TimestampUnit.Milliseconds, TimestampUnit.Seconds })
            {
                long lo, hi;
                if (unit == TimestampUnit.Milliseconds) (lo, hi) = (Math.Max(fromMs, TimestampUnits.SecondsBelow), toMs);
                else (lo, hi) = (CeilDiv(fromMs, 1000), Math.Min(FloorDiv(toMs, 1000), TimestampUnits.SecondsBelow - 1));
                if (lo > hi) continue;
                pLo.Value = lo;
                pHi.Value = hi;
                var rows = new List<Candle>();
                await using (var r = await cmd.ExecuteReaderAsync(ct))
                {
                    while (await r.ReadAsync(ct))
                    {
                        if (r.IsDBNull(1) || r.IsDBNull(2) || r.IsDBNull(3) || r.IsDBNull(4)) continue; // the seed stored NaN as NULL
                        long ts = r.GetInt64(0);
                        if (unit == TimestampUnit.Seconds) ts *= 1000;
                        rows.Add(Candle.Closed(ts, r.GetDouble(1), r.GetDouble(2), r.GetDouble(3), r.GetDouble(4),
                            r.IsDBNull(5) ? 0.0 : r.GetDouble(5), key.Timeframe.Add(ts)));
                    }
                }
                if (rows.Count == 0) continue;
                if (descending) rows.Reverse();
                parts.Add(rows);
            }
        }
        return parts;
    }

    /// <summary>Merges ascending parts (earlier parts win on equal open times) into one ascending, duplicate-free list.</summary>
    private static List<Candle> Merge(List<List<Candle>> parts)
    {
        if (parts.Count == 0) return [];
        if (parts.Count == 1) return parts[0];
        var all = new List<(Candle Candle, int Part)>(parts.Sum(p => p.Count));
        for (int i = 0; i < parts.Count; i++) foreach (var c in parts[i]) all.Add((c, i));
        all.Sort((a, b) => a.Candle.OpenTime != b.Candle.OpenTime ? a.Candle.OpenTime.CompareTo(b.Candle.OpenTime) : a.Part.CompareTo(b.Part));
        var merged = new List<Candle>(all.Count);
        foreach (var (c, _) in all)
            if (merged.Count == 0 || merged[^1].OpenTime != c.OpenTime) merged.Add(c);
        return merged;
    }

    // Divisions rounding toward −∞ / +∞ (b > 0), for millisecond bounds turned into second bounds.
    private static long FloorDiv(long a, long b) => a / b - (a % b < 0 ? 1 : 0);

    private static long CeilDiv(long a, long b) => a / b + (a % b > 0 ? 1 : 0);

    // ---------------------------------------------------------------- listing

    public async Task<IReadOnlyList<SeriesInfo>> ListSeriesAsync(CancellationToken ct = default)
    {
        var groups = new Dictionary<SeriesKey, List<(long Rows, long First, long Last)>>();
        await using (var c = await ConnectAsync(ct))
        await using (var cmd = c.CreateCommand())
        {
            cmd.CommandText = $"SELECT symbol, timeframe, CASE WHEN ts < {TimestampUnits.SecondsBelow} THEN 1 ELSE 0 END AS secs, COUNT(*), MIN(ts), MAX(ts) " +
                              "FROM ohlcv WHERE open IS NOT NULL AND high IS NOT NULL AND low IS NOT NULL AND close IS NOT NULL " + // as reads skip them
                              "GROUP BY symbol, timeframe, secs";
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                if (r.IsDBNull(0) || r.IsDBNull(1)) continue;
                if (!Symbol.TryParse(r.GetString(0), out var symbol, out _) || !Timeframe.TryParse(r.GetString(1), out var tf)) continue;
                var key = new SeriesKey(symbol, tf);
                bool secs = Convert.ToInt64(r.GetValue(2)) == 1;
                long first = r.GetInt64(4), last = r.GetInt64(5);
                if (secs) (first, last) = (first * 1000, last * 1000);
                if (!groups.TryGetValue(key, out var list)) groups[key] = list = [];
                list.Add((r.GetInt64(3), first, last));
            }
        }

        var result = new List<SeriesInfo>(groups.Count);
        foreach (var (key, list) in groups)
        {
            if (list.Count == 1)
            {
                result.Add(new SeriesInfo(key, list[0].Rows, list[0].First, list[0].Last));
                continue;
            }
            // Several spellings or units: count distinct candles, as a read returns them.
            var all = await ReadRangeAsync(key, ct: ct);
            if (all.Count > 0) result.Add(new SeriesInfo(key, all.Count, all[0].OpenTime, all[^1].OpenTime));
        }
        result.Sort((a, b) => string.CompareOrdinal(a.Key.ToString(), b.Key.ToString()));
        return result;
    }
}
