using Fibo.Actors.Domain;
using Fibo.Actors.Infrastructure.MarketData;
using Fibo.Actors.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Fibo.Actors.Tests.Infrastructure.MarketData;

/// <summary>The store suite on a SQLite file, plus what only SQLite has (the seed's exact schema objects, WAL).</summary>
public sealed class SqliteCandleStoreTests : CandleStoreContract
{
    private readonly TempDirectory _dir = new("fibo-sqlite");
    private string DbPath => _dir.File("marketdata.db");

    protected override async Task<ICandleStore> OpenEmptyStoreAsync() => await CandleStores.OpenAsync(DbPath);

    protected override ICandleStore OpenSameDatabase() => CandleStores.Open(DbPath);

    protected override string SeedSchemaSql => File.ReadAllText(TestData.Path("MarketData", "seed-schema.sql"));

    protected override async Task ExecuteRawAsync(string sql)
    {
        await using var c = new SqliteConnection($"Data Source={DbPath};Pooling=False");
        c.Open();
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync();
    }

    protected override async Task<object?> ScalarAsync(string sql)
    {
        await using var c = new SqliteConnection($"Data Source={DbPath};Pooling=False");
        c.Open();
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return await cmd.ExecuteScalarAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public async Task Creates_the_seeds_table_indexes_trigger_and_meta_sync_in_wal_mode()
    {
        Assert.Equal("wal", await ScalarAsync("PRAGMA journal_mode"));
        var names = new List<string>();
        await using (var c = new SqliteConnection($"Data Source={DbPath};Pooling=False"))
        {
            c.Open();
            await using var cmd = c.CreateCommand();
            cmd.CommandText = "SELECT type || ':' || name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY 1";
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync()) names.Add(r.GetString(0));
        }
        Assert.Equal(["index:idx_ohlcv_symbol_timeframe_ts", "index:idx_ohlcv_unique", "table:meta_sync", "table:ohlcv", "trigger:trg_ohlcv_updated_at"], names);
        // The table's DDL is the seed's, verbatim (SQLite keeps it without "IF NOT EXISTS"), and so is the whole script.
        var ddl = (string)(await ScalarAsync("SELECT sql FROM sqlite_master WHERE name = 'ohlcv'"))!;
        var seed = SeedSchemaSql.Replace("\r", "");
        Assert.Contains(ddl.Replace("\r", ""), seed.Replace("IF NOT EXISTS ", ""));
        Assert.Equal(seed.Trim(), OhlcvSchema.SqliteSeedScript.Replace("\r", "").Trim());
    }

    [Fact]
    public async Task The_seeds_trigger_stamps_updated_at_on_an_upsert()
    {
        await Store.WriteAsync(EthBtc5m, Series(1), CandleWriteMode.Import, "x");
        await ExecuteRawAsync("UPDATE ohlcv SET updated_at = 0, created_at = 0");
        await Store.WriteAsync(EthBtc5m, Series(1, seed: 5), CandleWriteMode.Import, "y");
        Assert.True(Convert.ToInt64(await ScalarAsync("SELECT updated_at FROM ohlcv")) > 1_600_000_000_000);
        Assert.Equal(0L, Convert.ToInt64(await ScalarAsync("SELECT created_at FROM ohlcv")));
    }

    [Fact]
    public async Task An_older_minimal_table_without_source_or_timestamps_still_works()
    {
        await Store.DisposeAsync();
        File.Delete(DbPath);
        await ExecuteRawAsync("CREATE TABLE ohlcv (symbol TEXT NOT NULL, timeframe TEXT NOT NULL, ts INTEGER NOT NULL, open REAL, high REAL, low REAL, close REAL, volume REAL)");
        await using var store = OpenSameDatabase();
        await store.WriteAsync(EthBtc5m, Series(5), CandleWriteMode.Import, "x");
        await store.WriteAsync(EthBtc5m, Series(5, seed: 3), CandleWriteMode.Import, "x");
        Assert.Equal(Series(5, seed: 3), await store.ReadRangeAsync(EthBtc5m));
    }

    [Fact]
    public async Task Opening_a_missing_database_without_create_is_an_input_error()
    {
        await using var store = CandleStores.Open(_dir.File("nope.db"), createIfMissing: false);
        var e = await Assert.ThrowsAsync<InputException>(() => store.ListSeriesAsync());
        Assert.Contains("no such database file", e.Message);
        Assert.False(File.Exists(_dir.File("nope.db")));
    }

    [Fact]
    public void The_factory_picks_the_store_from_the_argument()
    {
        Assert.IsType<SqliteCandleStore>(CandleStores.Open(DbPath));
        Assert.Equal(DbPath, ((SqliteCandleStore)CandleStores.Open($"Data Source={DbPath}")).Path);
        Assert.IsType<PostgresCandleStore>(CandleStores.Open("Host=127.0.0.1;Username=u;Password=p;Database=d"));
        Assert.Throws<InputException>(() => CandleStores.Open(" "));
    }
}
