using Fibo.Actors.Domain.MarketData;
using Fibo.Actors.Infrastructure.MarketData;
using Fibo.Actors.Tests.Support;
using Fibo.Messages.MarketData;
using Fibo.Messages.Primitives;

namespace Fibo.Actors.Tests.Infrastructure.MarketData;

/// <summary>
/// The one test suite every <see cref="ICandleStore"/> passes (SQLite and PostgreSQL). Each test starts on an empty
/// database; <see cref="ExecuteRawAsync"/> and <see cref="ScalarAsync"/> reach the same database with plain SQL, to
/// build seed-made tables and to look at what was stored.
/// </summary>
public abstract class CandleStoreContract : IAsyncLifetime
{
    protected static readonly SeriesKey EthBtc5m = SeriesKey.Parse("ETH_BTC-5m");
    protected static readonly SeriesKey LtcBtc5m = SeriesKey.Parse("LTC_BTC-5m");
    protected static readonly SeriesKey EthBtc1m = SeriesKey.Parse("ETH_BTC-1m");
    protected const long T0 = 1515560100000; // 5m boundary
    protected const long Step = 300_000;

    protected ICandleStore Store { get; private set; } = null!;

    /// <summary>A store on an empty database (the schema is created by the store).</summary>
    protected abstract Task<ICandleStore> OpenEmptyStoreAsync();

    /// <summary>Another store on the same database, e.g. after the seed's tools wrote it.</summary>
    protected abstract ICandleStore OpenSameDatabase();

    /// <summary>Runs SQL directly on the test database (before or after the store).</summary>
    protected abstract Task ExecuteRawAsync(string sql);

    protected abstract Task<object?> ScalarAsync(string sql);

    /// <summary>The seed's DDL for this database kind (SQLite: the seed's schema.sql verbatim).</summary>
    protected abstract string SeedSchemaSql { get; }

    public async Task InitializeAsync() => Store = await OpenEmptyStoreAsync();

    public virtual async Task DisposeAsync() => await Store.DisposeAsync();

    protected static List<Candle> Series(int count, long start = T0, long step = Step, double price = 0.05, int seed = 1)
    {
        var rnd = new Random(seed);
        var list = new List<Candle>(count);
        for (int i = 0; i < count; i++)
        {
            double o = price, c = price * (1 + (rnd.NextDouble() - 0.5) / 50);
            double h = Math.Max(o, c) * (1 + rnd.NextDouble() / 100), l = Math.Min(o, c) * (1 - rnd.NextDouble() / 100);
            list.Add(Candle.Closed(start + i * step, o, h, l, c, rnd.NextDouble() * 1000, start + (i + 1) * step));
            price = c;
        }
        return list;
    }

    [Fact]
    public async Task Writes_then_reads_a_range_ascending_with_inclusive_bounds_and_limit()
    {
        var candles = Series(100);
        Assert.Equal(100, await Store.WriteAsync(EthBtc5m, candles, CandleWriteMode.Import, "test"));

        Assert.Equal(candles, await Store.ReadRangeAsync(EthBtc5m));
        var mid = await Store.ReadRangeAsync(EthBtc5m, T0 + 10 * Step, T0 + 19 * Step);
        Assert.Equal(candles.Skip(10).Take(10), mid);
        Assert.Equal(candles.Skip(10).Take(3), await Store.ReadRangeAsync(EthBtc5m, T0 + 10 * Step, null, 3));
        Assert.Empty(await Store.ReadRangeAsync(EthBtc5m, T0 + 1000 * Step));
        Assert.Empty(await Store.ReadRangeAsync(LtcBtc5m));
        Assert.Empty(await Store.ReadRangeAsync(EthBtc1m));
    }

    [Fact]
    public async Task Reads_the_last_n_ascending_and_the_last_open_time()
    {
        Assert.Null(await Store.GetLastOpenTimeAsync(EthBtc5m));
        var candles = Series(50);
        await Store.WriteAsync(EthBtc5m, candles, CandleWriteMode.Stream, "test");
        Assert.Equal(candles.Skip(45), await Store.ReadLastAsync(EthBtc5m, 5));
        Assert.Equal(candles, await Store.ReadLastAsync(EthBtc5m, 500));
        Assert.Equal(T0 + 49 * Step, await Store.GetLastOpenTimeAsync(EthBtc5m));
    }

    [Fact]
    public async Task Doubles_keep_full_precision()
    {
        var c = Candle.Closed(T0, 0.1 + 0.2, 0.30000000000000004 + 1e-15, 1e-9 + 1e-24, 0.1 + 0.2, 1234567.8901234567, T0 + Step);
        await Store.WriteAsync(EthBtc5m, [c], CandleWriteMode.Import, "test");
        Assert.Equal(c, Assert.Single(await Store.ReadRangeAsync(EthBtc5m)));
    }

    [Fact]
    public async Task Stream_mode_inserts_or_ignores_and_never_changes_a_stored_candle()
    {
        var first = Series(10);
        await Store.WriteAsync(EthBtc5m, first, CandleWriteMode.Stream, "binance_ws");
        var revised = Series(12, seed: 99); // the same open times with other values, plus two new
        int inserted = await Store.WriteAsync(EthBtc5m, revised, CandleWriteMode.Stream, "kafka");
        Assert.Equal(2, inserted);
        var stored = await Store.ReadRangeAsync(EthBtc5m);
        Assert.Equal(first.Concat(revised.Skip(10)), stored);
        Assert.Equal("binance_ws", await ScalarAsync($"SELECT source FROM ohlcv WHERE ts = {T0}"));
    }

    [Fact]
    public async Task Import_mode_upserts_replacing_values_and_source()
    {
        await Store.WriteAsync(EthBtc5m, Series(10), CandleWriteMode.Stream, "binance_ws");
        var revised = Series(10, seed: 99);
        await Store.WriteAsync(EthBtc5m, revised, CandleWriteMode.Import, "backfill");
        Assert.Equal(revised, await Store.ReadRangeAsync(EthBtc5m));
        Assert.Equal("backfill", await ScalarAsync($"SELECT source FROM ohlcv WHERE ts = {T0 + Step}"));
        Assert.Equal(10L, Convert.ToInt64(await ScalarAsync("SELECT COUNT(*) FROM ohlcv")));
    }

    [Fact]
    public async Task Stores_the_exchange_symbol_and_the_timeframe_code_with_ms_timestamps()
    {
        await Store.WriteAsync(EthBtc5m, Series(1), CandleWriteMode.Import, "test");
        Assert.Equal("ETHBTC|5m|" + T0, await ScalarAsync("SELECT symbol || '|' || timeframe || '|' || ts FROM ohlcv"));
    }

    [Fact]
    public async Task A_multi_series_batch_is_one_transaction()
    {
        var a = Series(6000);
        var b = Series(6000, price: 0.01, seed: 2);
        var batch = new[] { new SeriesWrite(EthBtc5m, a, "a"), new SeriesWrite(LtcBtc5m, b, "b") };

        // Cancel in the middle of the write: nothing of either series may remain.
        using var cts = new CancellationTokenSource();
        var progress = new InlineProgress(done => { if (done >= 2048) cts.Cancel(); });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.WriteBatchAsync(batch, CandleWriteMode.Import, progress, cts.Token));
        Assert.Equal(0L, Convert.ToInt64(await ScalarAsync("SELECT COUNT(*) FROM ohlcv")));

        // A malformed candle in the second series refuses the whole batch.
        var bad = b.ToList();
        bad[17] = bad[17] with { High = bad[17].Low / 2 };
        var e = await Assert.ThrowsAsync<CandleValidationException>(() =>
            Store.WriteBatchAsync([new SeriesWrite(EthBtc5m, a, "a"), new SeriesWrite(LtcBtc5m, bad, "b")], CandleWriteMode.Import));
        Assert.Contains("write to LTC_BTC-5m candle 18", e.Message);
        Assert.Equal(0L, Convert.ToInt64(await ScalarAsync("SELECT COUNT(*) FROM ohlcv")));

        long reported = 0;
        Assert.Equal(12000, await Store.WriteBatchAsync(batch, CandleWriteMode.Import, new InlineProgress(d => reported = d)));
        Assert.Equal(12000, reported);
        Assert.Equal(a, await Store.ReadRangeAsync(EthBtc5m));
        Assert.Equal(b, await Store.ReadRangeAsync(LtcBtc5m));
    }

    [Fact]
    public async Task Lists_every_series_with_rows_and_range()
    {
        await Store.WriteBatchAsync([
            new SeriesWrite(EthBtc5m, Series(30), "x"),
            new SeriesWrite(EthBtc1m, Series(7, step: 60_000), "x"),
            new SeriesWrite(LtcBtc5m, Series(3, start: T0 + 100 * Step), "x")], CandleWriteMode.Import);
        var list = await Store.ListSeriesAsync();
        Assert.Equal(
            [new SeriesInfo(EthBtc1m, 7, T0, T0 + 6 * 60_000), new SeriesInfo(EthBtc5m, 30, T0, T0 + 29 * Step), new SeriesInfo(LtcBtc5m, 3, T0 + 100 * Step, T0 + 102 * Step)],
            list);
    }

    [Fact]
    public async Task A_database_made_with_the_seeds_schema_and_seconds_timestamps_reads_as_ms()
    {
        await Store.DisposeAsync();
        await ExecuteRawAsync("DROP TABLE IF EXISTS ohlcv; DROP TABLE IF EXISTS meta_sync;");
        await ExecuteRawAsync(SeedSchemaSql);
        // The seed's CSV/Influx importers: symbol ETHBTC, ts in seconds. Its Kafka path: ETH/BTC with ms.
        var s = T0 / 1000;
        await ExecuteRawAsync(
            "INSERT INTO ohlcv (symbol, timeframe, ts, open, high, low, close, volume, source) VALUES " +
            $"('ETHBTC', '5m', {s}, 0.05, 0.06, 0.04, 0.055, 10, 'csv_tradingview'), " +
            $"('ETHBTC', '5m', {s + 300}, 0.055, 0.06, 0.05, 0.058, 11, 'csv_tradingview'), " +
            $"('ETHBTC', '5m', {s + 900}, 0.058, 0.06, 0.05, 0.059, NULL, 'influx'), " +
            $"('ETH/BTC', '5m', {T0 + 900_000}, 0.9, 0.9, 0.9, 0.9, 1, 'kafka'), " +  // the same candle as above, other spelling: canonical wins
            $"('ETH/BTC', '5m', {T0 + 1_200_000}, 0.059, 0.07, 0.058, 0.065, 12, 'kafka'), " +
            $"('ETHBTC', '5m', {s + 1500}, NULL, NULL, NULL, NULL, NULL, 'influx'), " + // the seed stored NaN as NULL
            $"('BTC/USDT', '1m', {s}, 100, 101, 99, 100.5, 3, 'kafka')");
        Store = OpenSameDatabase();

        var read = await Store.ReadRangeAsync(EthBtc5m);
        Assert.Equal([T0, T0 + 300_000, T0 + 900_000, T0 + 1_200_000], read.Select(c => c.OpenTime));
        Assert.Equal(0.059, read[2].Close);
        Assert.Equal(0.0, read[2].Volume); // NULL volume reads as 0, like the seed's loaders
        Assert.Equal(T0 + 600_000 - 1, read[1].CloseTime);
        Assert.Equal(read.Skip(2), await Store.ReadLastAsync(EthBtc5m, 2));
        Assert.Equal(read.Skip(1).Take(2), await Store.ReadRangeAsync(EthBtc5m, T0 + 1, T0 + 900_000));
        Assert.Equal(T0 + 1_200_000, await Store.GetLastOpenTimeAsync(EthBtc5m));

        var list = await Store.ListSeriesAsync();
        Assert.Contains(new SeriesInfo(SeriesKey.Parse("BTC_USDT-1m"), 1, T0, T0), list);
        Assert.Contains(new SeriesInfo(EthBtc5m, 4, T0, T0 + 1_200_000), list);

        // Fibo writes into the seed's table: exchange symbol, ms; an upsert of a seconds-row's candle adds the canonical row.
        await Store.WriteAsync(EthBtc5m, [Candle.Closed(T0 + 1_500_000, 0.06, 0.07, 0.05, 0.065, 5, T0 + 1_800_000)], CandleWriteMode.Import, "fibo");
        Assert.Equal(5, (await Store.ReadRangeAsync(EthBtc5m)).Count);
        Assert.Equal(5L, Convert.ToInt64(await ScalarAsync("SELECT COUNT(*) FROM ohlcv WHERE symbol = 'ETHBTC'")));
    }

    [Fact]
    public async Task Backs_up_online_to_a_sqlite_replica_that_opens_as_a_store()
    {
        using var dir = new TempDirectory();
        await Store.WriteAsync(EthBtc5m, Series(500), CandleWriteMode.Import, "x");
        await Store.WriteAsync(LtcBtc5m, Series(20, price: 0.01), CandleWriteMode.Import, "x");
        var replicaPath = dir.File("replica/marketdata_replica.db");
        await Store.BackupToAsync(replicaPath);
        await using var replica = new SqliteCandleStore(replicaPath, createIfMissing: false);
        Assert.Equal(await Store.ListSeriesAsync(), await replica.ListSeriesAsync());
        Assert.Equal(await Store.ReadRangeAsync(EthBtc5m), await replica.ReadRangeAsync(EthBtc5m));
    }

    [Fact]
    public async Task Initialize_is_idempotent_and_a_second_store_sees_the_data()
    {
        await Store.InitializeAsync();
        await Store.WriteAsync(EthBtc5m, Series(3), CandleWriteMode.Import, "x");
        await using var other = OpenSameDatabase();
        await other.InitializeAsync();
        Assert.Equal(3, (await other.ReadRangeAsync(EthBtc5m)).Count);
    }

    protected sealed class InlineProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
