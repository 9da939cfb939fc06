using Fibo.Actors.Infrastructure.DeadLetters;
using Fibo.Actors.Tests.Support;

namespace Fibo.Actors.Tests.Infrastructure.Kafka;

/// <summary>The dead-letter table on SQLite (one node) and PostgreSQL (a cluster), chosen by the connection string.</summary>
public sealed class DeadLetterStoreTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task Sqlite_stores_raw_bytes_with_offset_and_reason_once_per_record_and_survives_reopening()
    {
        var connection = $"Data Source={_dir.File("sub/dead.db")}";
        await StoresOncePerRecordAndSurvivesReopening(connection);
        await using var store = DeadLetterStores.Open(connection);
        Assert.IsType<SqliteDeadLetterStore>(store);
    }

    [Fact]
    public async Task Postgres_stores_raw_bytes_with_offset_and_reason_once_per_record_and_survives_reopening()
    {
        await using var pg = await TestPostgres.CreateSchemaAsync();
        var connection = $"{TestPostgres.ConnectionString};Search Path={pg.Schema}";
        await StoresOncePerRecordAndSurvivesReopening(connection);
        await using var store = DeadLetterStores.Open(connection);
        Assert.IsType<PostgresDeadLetterStore>(store);
        Assert.Contains($"schema {pg.Schema}", store.Describe);
    }

    [Fact]
    public async Task Postgres_stores_of_several_nodes_share_one_table_and_keep_a_redelivered_record_once()
    {
        await using var pg = await TestPostgres.CreateSchemaAsync();
        var connection = $"{TestPostgres.ConnectionString};Search Path={pg.Schema}";
        await using var a = DeadLetterStores.Open(connection);
        await using var b = DeadLetterStores.Open(connection);
        await Task.WhenAll(a.InitializeAsync(), b.InitializeAsync()); // both create the table at once
        var letter = new DeadLetter("fibo.candles", 1, 7, "ETH_BTC-5m", [1, 2, 3], "bad", DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000));
        Assert.True(await a.AddAsync(letter));
        Assert.False(await b.AddAsync(letter with { Reason = "redelivered after a rebalance" }));
        Assert.Equal(1, await b.CountAsync());
        Assert.Equal("bad", Assert.Single(await b.ListAsync()).Reason);
    }

    private static async Task StoresOncePerRecordAndSurvivesReopening(string connection)
    {
        var letter = new DeadLetter("fibo.candles", 3, 42, "ETH_BTC-5m", [0x00, 0xFF, 0x7B], "undecodable value: x",
            DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123));
        await using (var store = DeadLetterStores.Open(connection))
        {
            await store.InitializeAsync();
            Assert.True(await store.AddAsync(letter));
            Assert.False(await store.AddAsync(letter with { Reason = "redelivered" })); // same record: kept once
            Assert.True(await store.AddAsync(letter with { Offset = 43, Key = null }));
        }
        await using var reopened = DeadLetterStores.Open(connection);
        Assert.Equal(2, await reopened.CountAsync());
        var stored = (await reopened.ListAsync()).Single(l => l.Offset == 42);
        Assert.Equal(letter.Value, stored.Value);
        Assert.Equal(letter with { Value = stored.Value }, stored);
        Assert.Null((await reopened.ListAsync()).Single(l => l.Offset == 43).Key);
    }

    public void Dispose() => _dir.Dispose();
}
