using Npgsql;

namespace Fibo.Actors.Tests.Support;

/// <summary>
/// The test PostgreSQL (env <c>FIBO_TEST_POSTGRES</c>, set by ./test.sh). Each user gets its own schema and drops it.
/// An unreachable server fails the test: PostgreSQL is part of what these tests prove.
/// </summary>
public sealed class TestPostgres : IAsyncDisposable
{
    public const string DefaultConnectionString = "Host=127.0.0.1;Port=5432;Username=fibo;Password=fibo;Database=fibo_test";

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("FIBO_TEST_POSTGRES") is { Length: > 0 } cs ? cs : DefaultConnectionString;

    public string Schema { get; } = "t_" + Guid.NewGuid().ToString("N")[..16];

    public static async Task<TestPostgres> CreateSchemaAsync()
    {
        var pg = new TestPostgres();
        try
        {
            await using var conn = new NpgsqlConnection(ConnectionString);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE SCHEMA \"{pg.Schema}\"", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            throw new InvalidOperationException(
                $"PostgreSQL is not reachable at '{ConnectionString}' ({e.Message}). Run ./test.sh (it starts PostgreSQL) or set FIBO_TEST_POSTGRES.", e);
        }
        return pg;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var conn = new NpgsqlConnection(ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{Schema}\" CASCADE", conn);
        await cmd.ExecuteNonQueryAsync();
    }
}
