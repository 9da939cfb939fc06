using Microsoft.Data.Sqlite;

namespace Fibo.Actors.Infrastructure.DeadLetters;

/// <summary>
/// Dead letters in a SQLite file (<c>dead_letters</c> table). A dead letter is the only durable trace of a poison record
/// whose offset gets committed, so writes use <c>synchronous=FULL</c>: committed here means on disk.
/// </summary>
public sealed class SqliteDeadLetterStore : IDeadLetterStore
{
    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _initialized;

    public SqliteDeadLetterStore(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        Describe = builder.DataSource;
        _connection = new SqliteConnection(builder.ToString());
    }

    public string Describe { get; }

    public async Task InitializeAsync(CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await EnsureInitializedAsync(ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<bool> AddAsync(DeadLetter letter, CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await EnsureInitializedAsync(ct);
            await using var cmd = _connection.CreateCommand();
            cmd.CommandText = """
                INSERT OR IGNORE INTO dead_letters (topic, partition, "offset", key, value, reason, time_ms)
                VALUES ($topic, $partition, $offset, $key, $value, $reason, $time)
                """;
            cmd.Parameters.AddWithValue("$topic", letter.Topic);
            cmd.Parameters.AddWithValue("$partition", letter.Partition);
            cmd.Parameters.AddWithValue("$offset", letter.Offset);
            cmd.Parameters.AddWithValue("$key", (object?)letter.Key ?? DBNull.Value);
            cmd.Parameters.AddWithValue("$value", letter.Value);
            cmd.Parameters.AddWithValue("$reason", letter.Reason);
            cmd.Parameters.AddWithValue("$time", letter.Time.ToUnixTimeMilliseconds());
            return await cmd.ExecuteNonQueryAsync(ct) == 1;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<IReadOnlyList<DeadLetter>> ListAsync(int limit = 100, CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await EnsureInitializedAsync(ct);
            await using var cmd = _connection.CreateCommand();
            cmd.CommandText = """
                SELECT topic, partition, "offset", key, value, reason, time_ms FROM dead_letters
                ORDER BY time_ms DESC, id DESC LIMIT $limit
                """;
            cmd.Parameters.AddWithValue("$limit", limit);
            var result = new List<DeadLetter>();
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                result.Add(new DeadLetter(reader.GetString(0), reader.GetInt32(1), reader.GetInt64(2),
                    reader.IsDBNull(3) ? null : reader.GetString(3), (byte[])reader.GetValue(4), reader.GetString(5),
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6))));
            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<long> CountAsync(CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await EnsureInitializedAsync(ct);
            await using var cmd = _connection.CreateCommand();
            cmd.CommandText = "SELECT count(*) FROM dead_letters";
            return (long)(await cmd.ExecuteScalarAsync(ct))!;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task EnsureInitializedAsync(CancellationToken ct)
    {
        if (_initialized) return;
        var dir = Path.GetDirectoryName(Path.GetFullPath(Describe));
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        await _connection.OpenAsync(ct);
        await using var cmd = _connection.CreateCommand();
        cmd.CommandText = """
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = FULL;
            PRAGMA busy_timeout = 5000;
            CREATE TABLE IF NOT EXISTS dead_letters (
                id        INTEGER PRIMARY KEY AUTOINCREMENT,
                topic     TEXT    NOT NULL,
                partition INTEGER NOT NULL,
                "offset"  INTEGER NOT NULL,
                key       TEXT,
                value     BLOB    NOT NULL,
                reason    TEXT    NOT NULL,
                time_ms   INTEGER NOT NULL,
                UNIQUE (topic, partition, "offset")
            );
            """;
        await cmd.ExecuteNonQueryAsync(ct);
        _initialized = true;
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync();
        try
        {
            await _connection.DisposeAsync();
        }
        finally
        {
            _gate.Release();
            _gate.Dispose();
        }
    }
}
