using System.Data.Common;
using Fibo.Actors.Domain;
using Microsoft.Data.Sqlite;

namespace Fibo.Actors.Infrastructure.MarketData;

/// <summary>
/// The candle store in a SQLite file with the seed's exact schema, so a database written by the Python tools opens
/// as-is (and the other way round). WAL journal with synchronous=NORMAL (candles can be re-derived from Kafka or
/// files; see performance notes), pooled connections, one transaction per write with a prepared, reused command.
/// </summary>
public sealed class SqliteCandleStore : SqlCandleStore
{
    private readonly string _connectionString;
    private readonly bool _createIfMissing;

    /// <summary>A store on <paramref name="path"/>. <paramref name="readOnly"/> opens an existing database without changing
    /// anything in it (no schema objects, no WAL switch): for reading another tool's database as an import source.</summary>
    public SqliteCandleStore(string path, bool createIfMissing = true, bool readOnly = false)
    {
        IsReadOnly = readOnly;
        if (readOnly) createIfMissing = false;
        if (string.IsNullOrWhiteSpace(path)) throw new InputException("the SQLite database path is empty");
        Path = System.IO.Path.GetFullPath(path);
        _createIfMissing = createIfMissing;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = readOnly ? SqliteOpenMode.ReadOnly : createIfMissing ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadWrite,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <summary>The full path of the database file.</summary>
    public string Path { get; }

    public override string Describe => Path;

    public bool IsReadOnly { get; }

    protected override bool ExecutesSynchronously => true;

    protected override bool AcceptsWrites => !IsReadOnly;

    protected override ValueTask<DbConnection> OpenConnectionAsync(CancellationToken ct)
    {
        if (!File.Exists(Path))
        {
            if (!_createIfMissing) throw new InputException($"{Path}: no such database file (import into it first, or check the path)");
            var dir = System.IO.Path.GetDirectoryName(Path);
            if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        }
        var c = new SqliteConnection(_connectionString);
        try
        {
            c.Open();
            if (!IsReadOnly) Exec(c, "PRAGMA synchronous = NORMAL;");
        }
        catch (SqliteException e)
        {
            c.Dispose();
            throw new InputException($"{Path}: cannot open as a SQLite database: {e.Message}", e);
        }
        return ValueTask.FromResult<DbConnection>(c);
    }

    protected override Task<IReadOnlySet<string>> EnsureSchemaAsync(DbConnection connection, CancellationToken ct)
    {
        var c = (SqliteConnection)connection;
        if (IsReadOnly)
        {
            var existing = Columns(c);
            if (existing.Count == 0) throw new InputException($"{Path}: has no ohlcv table; it is not a candle database of the seed's schema");
            return Task.FromResult<IReadOnlySet<string>>(existing);
        }
        Exec(c, "PRAGMA journal_mode = WAL;");
        Exec(c, OhlcvSchema.SqliteTables);
        var columns = Columns(c);
        Exec(c, OhlcvSchema.SqliteIndex);
        try
        {
            Exec(c, OhlcvSchema.SqliteUniqueIndex);
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 19) // SQLITE_CONSTRAINT: duplicates in an old table
        {
            throw new InputException($"{Path}: table ohlcv holds duplicate (symbol, timeframe, ts) rows, so the seed's unique index cannot be created; remove the duplicates first", e);
        }
        if (columns.Contains("id") && columns.Contains("updated_at")) Exec(c, OhlcvSchema.SqliteTrigger);
        return Task.FromResult<IReadOnlySet<string>>(columns);
    }

    private static HashSet<string> Columns(SqliteConnection c)
    {
        var columns = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT name FROM pragma_table_info('ohlcv')";
        using var r = cmd.ExecuteReader();
        while (r.Read()) columns.Add(r.GetString(0).ToLowerInvariant());
        return columns;
    }

    private static void Exec(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    /// <summary>An online copy through SQLite's backup API: readers and writers may keep working meanwhile.</summary>
    public override async Task BackupToAsync(string replicaPath, CancellationToken ct = default)
    {
        var target = System.IO.Path.GetFullPath(replicaPath);
        if (string.Equals(target, Path, StringComparison.Ordinal)) throw new InputException($"{replicaPath}: the replica must be another file than the database");
        var dir = System.IO.Path.GetDirectoryName(target);
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        await using var source = (SqliteConnection)await ConnectAsync(ct);
        var replicaCs = new SqliteConnectionStringBuilder { DataSource = target, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString();
        await using var replica = new SqliteConnection(replicaCs);
        replica.Open();
        source.BackupDatabase(replica);
    }

    public override ValueTask DisposeAsync()
    {
        // Release pooled handles so the file (and its -wal) can be moved or deleted once the store is gone.
        using (var c = new SqliteConnection(_connectionString)) SqliteConnection.ClearPool(c);
        return base.DisposeAsync();
    }
}
