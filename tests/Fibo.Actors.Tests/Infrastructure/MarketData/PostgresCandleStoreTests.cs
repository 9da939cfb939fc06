using Fibo.Actors.Infrastructure.MarketData;
using Npgsql;

namespace Fibo.Actors.Tests.Infrastructure.MarketData;

/// <summary>
/// A fresh PostgreSQL schema for one test class, dropped at the end. The server comes from FIBO_TEST_POSTGRES
/// (./test.sh starts PostgreSQL and sets it). If the server is unreachable the tests fail and say so: never skipped.
/// </summary>
public sealed class PostgresSchemaFixture : IAsyncLifetime
{
    public const string DefaultConnection = "Host=127.0.0.1;Port=5432;Username=fibo;Password=fibo;Database=fibo_test";

    public string Schema { get; } = "fibo_t_" + Guid.NewGuid().ToString("N")[..12];
    public string ServerConnection { get; } = Environment.GetEnvironmentVariable("FIBO_TEST_POSTGRES") is { Length: > 0 } cs ? cs : DefaultConnection;

    /// <summary>The connection string whose search path is this fixture's schema.</summary>
    public string ConnectionString => new NpgsqlConnectionStringBuilder(ServerConnection) { SearchPath = Schema, Pooling = true }.ConnectionString;

    public async Task InitializeAsync()
    {
        try
        {
            await using var c = new NpgsqlConnection(ServerConnection);
            await c.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE SCHEMA {Schema}", c);
            await cmd.ExecuteNonQueryAsync();
        }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            throw new InvalidOperationException(
                $"PostgreSQL is unreachable at '{new NpgsqlConnectionStringBuilder(ServerConnection) { Password = null }}': {e.Message}. " +
                "Run the tests with ./test.sh (it installs and starts PostgreSQL and exports FIBO_TEST_POSTGRES), or point FIBO_TEST_POSTGRES at a server.", e);
        }
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var c = new NpgsqlConnection(ServerConnection);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {Schema} CASCADE", c);
        await cmd.ExecuteNonQueryAsync();
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var c = new NpgsqlConnection(ConnectionString);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, c);
        await cmd.ExecuteNonQueryAsync();
    }

    public async Task<object?> ScalarAsync(string sql)
    {
        await using var c = new NpgsqlConnection(ConnectionString);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, c);
        return await cmd.ExecuteScalarAsync();
    }
}

/// <summary>The store suite on PostgreSQL.</summary>
public sealed class PostgresCandleStoreTests(PostgresSchemaFixture pg) : CandleStoreContract, IClassFixture<PostgresSchemaFixture>
{
    protected override async Task<ICandleStore> OpenEmptyStoreAsync()
    {
        // Tests of a class run one after another on the class's schema: start each from nothing.
        await pg.ExecuteAsync("DROP TABLE IF EXISTS ohlcv; DROP TABLE IF EXISTS meta_sync;");
        return await CandleStores.OpenAsync(pg.ConnectionString);
    }

    protected override ICandleStore OpenSameDatabase() => CandleStores.Open(pg.ConnectionString);

    protected override Task ExecuteRawAsync(string sql) => pg.ExecuteAsync(sql);

    protected override Task<object?> ScalarAsync(string sql) => pg.ScalarAsync(sql);

    protected override string SeedSchemaSql => OhlcvSchema.PostgresScript;

    [Fact]
    public async Task Creates_the_seeds_objects_in_the_connections_schema()
    {
        var objects = await pg.ScalarAsync(
            "SELECT string_agg(name, ',' ORDER BY name) FROM (" +
            "SELECT indexname AS name FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'ohlcv' " +
            "UNION ALL SELECT tgname FROM pg_trigger WHERE tgrelid = 'ohlcv'::regclass AND NOT tgisinternal " +
            "UNION ALL SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()) x");
        Assert.Equal("idx_ohlcv_symbol_timeframe_ts,idx_ohlcv_unique,meta_sync,ohlcv,ohlcv_pkey,ohlcv_symbol_timeframe_ts_key,trg_ohlcv_updated_at", objects);
        Assert.Contains("schema " + pg.Schema, Store.Describe);
        Assert.DoesNotContain("Password", Store.Describe, StringComparison.OrdinalIgnoreCase);
    }
}
