using Fibo.Actors.Domain;
using Npgsql;

namespace Fibo.Actors.Infrastructure.DeadLetters;

/// <summary>
/// Dead letters in PostgreSQL (<c>dead_letters</c> table in the connection's schema, <c>Search Path=...</c> picks it), for a
/// cluster whose ingest nodes share one place to look. Same semantics as <see cref="SqliteDeadLetterStore"/>: a record is
/// kept once per (topic, partition, offset), so redelivery after a rebalance or a restart is harmless.
/// </summary>
public sealed class PostgresDeadLetterStore : IDeadLetterStore
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS dead_letters (
            id        BIGSERIAL PRIMARY KEY,
            topic     TEXT    NOT NULL,
            partition INTEGER NOT NULL,
            "offset"  BIGINT  NOT NULL,
            key       TEXT,
            value     BYTEA   NOT NULL,
            reason    TEXT    NOT NULL,
            time_ms   BIGINT  NOT NULL,
            UNIQUE (topic, partition, "offset")
        );
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly SemaphoreSlim _init = new(1, 1);
    private volatile bool _initialized;

    public PostgresDeadLetterStore(string connectionString)
    {
        NpgsqlConnectionStringBuilder b;
        try
        {
            b = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
        {
            throw new InputException($"invalid PostgreSQL connection string for the dead letters: {e.Message}; expected e.g. Host=127.0.0.1;Port=5432;Username=fibo;Password=...;Database=fibo", e);
        }
        Describe = $"postgresql://{b.Username}@{b.Host}:{b.Port}/{b.Database}" + (string.IsNullOrEmpty(b.SearchPath) ? "" : $" (schema {b.SearchPath})");
        _dataSource = NpgsqlDataSource.Create(b.ConnectionString);
    }

    public string Describe { get; }

    public async Task InitializeAsync(CancellationToken ct = default)
    {
        if (_initialized) return;
        await _init.WaitAsync(ct);
        try
        {
            if (_initialized) return;
            await using var c = await OpenAsync(ct);
            await using var tx = await c.BeginTransactionAsync(ct);
            // Several ingest nodes may create the table at once; serialise them per schema.
            await using (var lockCmd = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext(coalesce(current_schema(), '') || '.fibo_dead_letters'))", c, tx))
                await lockCmd.ExecuteNonQueryAsync(ct);
            await using (var cmd = new NpgsqlCommand(Schema, c, tx))
            {
                try
                {
                    await cmd.ExecuteNonQueryAsync(ct);
                }
                catch (PostgresException e) when (e.SqlState is "3F000" or "42501")
                {
                    throw new InputException($"{Describe}: cannot create the dead_letters table: {e.MessageText} (does the schema in Search Path exist, and may this user create tables?)", e);
                }
            }
            await tx.CommitAsync(ct);
            _initialized = true;
        }
        finally
        {
            _init.Release();
        }
    }

    public async Task<bool> AddAsync(DeadLetter letter, CancellationToken ct = default)
    {
        await InitializeAsync(ct);
        await using var c = await OpenAsync(ct);
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO dead_letters (topic, partition, "offset", key, value, reason, time_ms)
            VALUES (@topic, @partition, @offset, @key, @value, @reason, @time)
            ON CONFLICT (topic, partition, "offset") DO NOTHING
            """, c);
        cmd.Parameters.Add(new NpgsqlParameter<string>("topic", letter.Topic));
        cmd.Parameters.Add(new NpgsqlParameter<int>("partition", letter.Partition));
        cmd.Parameters.Add(new NpgsqlParameter<long>("offset", letter.Offset));
        cmd.Parameters.Add(new NpgsqlParameter("key", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)letter.Key ?? DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter<byte[]>("value", letter.Value));
        cmd.Parameters.Add(new NpgsqlParameter<string>("reason", letter.Reason));
        cmd.Parameters.Add(new NpgsqlParameter<long>("time", letter.Time.ToUnixTimeMilliseconds()));
        return await cmd.ExecuteNonQueryAsync(ct) == 1;
    }

    public async Task<IReadOnlyList<DeadLetter>> ListAsync(int limit = 100, CancellationToken ct = default)
    {
        await InitializeAsync(ct);
        await using var c = await OpenAsync(ct);
        await using var cmd = new NpgsqlCommand("""
            SELECT topic, partition, "offset", key, value, reason, time_ms FROM dead_letters
            ORDER BY time_ms DESC, id DESC LIMIT @limit
            """, c);
        cmd.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
        var result = new List<DeadLetter>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            result.Add(new DeadLetter(reader.GetString(0), reader.GetInt32(1), reader.GetInt64(2),
                reader.IsDBNull(3) ? null : reader.GetString(3), (byte[])reader.GetValue(4), reader.GetString(5),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6))));
        return result;
    }

    public async Task<long> CountAsync(CancellationToken ct = default)
    {
        await InitializeAsync(ct);
        await using var c = await OpenAsync(ct);
        await using var cmd = new NpgsqlCommand("SELECT count(*) FROM dead_letters", c);
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken ct)
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

    public async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        _init.Dispose();
    }
}
