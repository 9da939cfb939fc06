using System.Data.Common;
using Fibo.Actors.Domain;
using Fibo.Messages.MarketData;
using Npgsql;

namespace Fibo.Actors.Infrastructure.MarketData;

/// <summary>
/// The candle store in PostgreSQL (for a cluster, where SQLite cannot be shared): the seed's <c>ohlcv</c> table in the
/// connection's schema (<c>Search Path=...</c> picks it), the same SQL and semantics as <see cref="SqliteCandleStore"/>.
/// Writes send columns as arrays through <c>unnest</c>, thousands of rows per statement, inside one transaction.
/// </summary>
public sealed class PostgresCandleStore : SqlCandleStore
{
    private const int RowsPerStatement = 5000;
    private readonly NpgsqlDataSource _dataSource;

    public PostgresCandleStore(string connectionString)
    {
        NpgsqlConnectionStringBuilder b;
        try
        {
            b = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
        {
            throw new InputException($"invalid PostgreSQL connection string: {e.Message}; expected e.g. Host=127.0.0.1;Port=5432;Username=fibo;Password=...;Database=fibo", e);
        }
        Describe = $"postgresql://{b.Username}@{b.Host}:{b.Port}/{b.Database}" + (string.IsNullOrEmpty(b.SearchPath) ? "" : $" (schema {b.SearchPath})");
        _dataSource = NpgsqlDataSource.Create(b.ConnectionString);
    }

    public override string Describe { get; }

    protected override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken ct)
    {
        try
        {
            return await _dataSource.OpenConnectionAsync(ct);
        }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException && !ct.IsCancellationRequested)
        {
            throw new InputException($"{Describe}: cannot connect to PostgreSQL: {e.Message}. Is the server running and the connection string right?", e);
        }
    }

    protected override async Task<IReadOnlySet<string>> EnsureSchemaAsync(DbConnection connection, CancellationToken ct)
    {
        var c = (NpgsqlConnection)connection;
        await using (var tx = await c.BeginTransactionAsync(ct))
        {
            // Several processes may create the schema at once; serialise them per schema.
            await using (var lockCmd = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext(coalesce(current_schema(), '') || '.fibo_ohlcv'))", c, tx))
                await lockCmd.ExecuteNonQueryAsync(ct);
            await using (var cmd = new NpgsqlCommand(OhlcvSchema.PostgresScript, c, tx))
            {
                try
                {
                    await cmd.ExecuteNonQueryAsync(ct);
                }
                catch (PostgresException e) when (e.SqlState is "3F000" or "42501")
                {
                    throw new InputException($"{Describe}: cannot create the candle tables: {e.MessageText} (does the schema in Search Path exist, and may this user create tables?)", e);
                }
            }
            await tx.CommitAsync(ct);
        }
        var columns = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await using var q = new NpgsqlCommand(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'ohlcv'", c);
        await using var r = await q.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) columns.Add(r.GetString(0).ToLowerInvariant());
        return columns;
    }

    protected override async Task<int> WriteRowsAsync(DbConnection connection, DbTransaction tx, IReadOnlyList<SeriesWrite> writes, CandleWriteMode mode,
        IProgress<long>? progress, CancellationToken ct)
    {
        var c = (NpgsqlConnection)connection;
        var select = "SELECT @symbol, @timeframe, t.ts, t.o, t.h, t.l, t.c, t.v" + (HasSourceColumn ? ", @source" : "") +
                     " FROM unnest(@ts, @o, @h, @l, @c, @v) AS t(ts, o, h, l, c, v)";
        var sql = InsertSql(mode, select);
        int changed = 0;
        long done = 0;
        foreach (var w in writes)
        {
            // One statement must not touch a row twice (PostgreSQL refuses it for DO UPDATE): the last candle wins.
            var candles = LastPerOpenTime(w.Candles);
            for (int start = 0; start < candles.Count; start += RowsPerStatement)
            {
                int n = Math.Min(RowsPerStatement, candles.Count - start);
                var ts = new long[n];
                var o = new double[n]; var h = new double[n]; var l = new double[n]; var cl = new double[n]; var v = new double[n];
                for (int i = 0; i < n; i++)
                {
                    var k = candles[start + i];
                    (ts[i], o[i], h[i], l[i], cl[i], v[i]) = (k.OpenTime, k.Open, k.High, k.Low, k.Close, k.Volume);
                }
                await using var cmd = new NpgsqlCommand(sql, c, (NpgsqlTransaction)tx);
                cmd.Parameters.Add(new NpgsqlParameter<string>("symbol", w.Key.Symbol.Exchange));
                cmd.Parameters.Add(new NpgsqlParameter<string>("timeframe", w.Key.Timeframe.Code));
                if (HasSourceColumn) cmd.Parameters.Add(new NpgsqlParameter<string>("source", w.Source));
                cmd.Parameters.Add(new NpgsqlParameter<long[]>("ts", ts));
                cmd.Parameters.Add(new NpgsqlParameter<double[]>("o", o));
                cmd.Parameters.Add(new NpgsqlParameter<double[]>("h", h));
                cmd.Parameters.Add(new NpgsqlParameter<double[]>("l", l));
                cmd.Parameters.Add(new NpgsqlParameter<double[]>("c", cl));
                cmd.Parameters.Add(new NpgsqlParameter<double[]>("v", v));
                changed += await cmd.ExecuteNonQueryAsync(ct);
                done += n;
                progress?.Report(done);
            }
        }
        return changed;
    }

    private static IReadOnlyList<Candle> LastPerOpenTime(IReadOnlyList<Candle> candles)
    {
        bool increasing = true;
        for (int i = 1; i < candles.Count && increasing; i++) increasing = candles[i].OpenTime > candles[i - 1].OpenTime;
        if (increasing) return candles;
        var last = new Dictionary<long, Candle>(candles.Count);
        foreach (var k in candles) last[k.OpenTime] = k;
        return last.Values.OrderBy(k => k.OpenTime).ToList();
    }

    /// <summary>Copies every series into a fresh SQLite file of the seed's schema (the replica), then swaps it in.</summary>
    public override async Task BackupToAsync(string replicaPath, CancellationToken ct = default)
    {
        var target = Path.GetFullPath(replicaPath);
        var dir = Path.GetDirectoryName(target);
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        var temp = target + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            await using (var replica = new SqliteCandleStore(temp))
            {
                await replica.InitializeAsync(ct);
                foreach (var series in await ListSeriesAsync(ct))
                {
                    var candles = await ReadRangeAsync(series.Key, ct: ct);
                    await replica.WriteAsync(series.Key, candles, CandleWriteMode.Import, "replica", ct);
                }
            }
            foreach (var suffix in new[] { "-wal", "-shm" }) File.Delete(target + suffix);
            File.Move(temp, target, overwrite: true);
        }
        finally
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(temp + suffix);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        await base.DisposeAsync();
    }
}
