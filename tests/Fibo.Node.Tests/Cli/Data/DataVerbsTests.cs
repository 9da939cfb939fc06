using System.Globalization;
using System.Text.Json;
using Fibo.Actors.Infrastructure.MarketData;
using Fibo.Node.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Fibo.Node.Tests.Cli.Data;

/// <summary><c>fibo data export | gaps | synth | backup</c> and seed-made databases, through the real executable.</summary>
public sealed class DataVerbsTests : IDisposable
{
    private readonly TempDir _dir = new();
    private string Db => _dir.File("candles.db");
    public void Dispose() => _dir.Dispose();

    private static string Lf(string path) => File.ReadAllText(path).Replace("\r", "");

    [Fact]
    public async Task Export_writes_freqtrade_csv_identical_to_the_imported_file()
    {
        var original = TempDir.MarketDataFile("ETH_BTC-5m.csv");
        await FiboJson.RunAsync("data", "import", "--db", Db, original);
        var output = _dir.File("out/ETH_BTC-5m.csv");
        Directory.CreateDirectory(_dir.File("out"));
        var result = await FiboJson.RunAsync("data", "export", "--db", Db, "--series", "ETH_BTC-5m", "--output", output);
        Assert.Equal(5760, result.GetProperty("rows").GetInt32());
        Assert.Equal(Lf(original), File.ReadAllText(output));

        // A range, and JSON arrays for a .json name.
        var json = _dir.File("slice.json");
        await FiboJson.RunAsync("data", "export", "--db", Db, "--series", "ETH/BTC:5m", "--output", json, "--from", "2018-01-10T05:00:00Z", "--to", "1515561000000");
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        Assert.Equal([1515560400000L, 1515560700000L, 1515561000000L], doc.RootElement.EnumerateArray().Select(r => r[0].GetInt64()));

        var none = await FiboProcess.RunAsync("data", "export", "--db", Db, "--series", "LTC_BTC-5m", "--output", _dir.File("x.csv"));
        Assert.Equal(2, none.ExitCode);
        Assert.Contains("no candles for LTC_BTC-5m", none.StdErr);
        Assert.Contains("ETH_BTC-5m", none.StdErr);
    }

    [Fact]
    public async Task Gaps_are_reported_and_filled_from_the_one_minute_series()
    {
        // Remove four 5m candles inside the 1m file's range: two adjacent, one whose 1m bucket is incomplete
        // (the 1m file misses 2018-01-24T05:18), one alone.
        var lines = File.ReadAllLines(TempDir.MarketDataFile("ETH_BTC-5m.csv"));
        var removedIdx = new[] { 4000, 4001, 4036, 4500 };
        var removed = removedIdx.Select(i => lines[i + 1]).ToList();
        var holed = _dir.File("ETH_BTC-5m.csv");
        File.WriteAllLines(holed, lines.Where((_, n) => !removedIdx.Contains(n - 1)));
        await FiboJson.RunAsync("data", "import", "--db", Db, holed, TempDir.MarketDataFile("ETH_BTC-1m.csv"));

        var gaps = await FiboJson.RunAsync("data", "gaps", "--db", Db, "--series", "ETH_BTC-5m");
        Assert.Equal(4, gaps.GetProperty("missingCandles").GetInt64());
        Assert.Equal([2L, 1L, 1L], gaps.GetProperty("gaps").EnumerateArray().Select(g => g.GetProperty("missing").GetInt64()));
        Assert.Equal(5760, gaps.GetProperty("expectedRows").GetInt64());
        Assert.True(gaps.GetProperty("isContinuous").GetBoolean());
        Assert.StartsWith("Data has 3 gaps", gaps.GetProperty("summary").GetString());

        var filled = await FiboJson.RunAsync("data", "gaps", "--db", Db, "--series", "ETH_BTC-5m", "--fill-from", "ETH_BTC-1m");
        var fill = filled.GetProperty("fill");
        Assert.Equal(3, fill.GetProperty("written").GetInt32());
        var incomplete = Assert.Single(fill.GetProperty("incomplete").EnumerateArray());
        Assert.Equal(("2018-01-24T05:15:00Z", 4, 5), (incomplete.GetProperty("openTime").GetString(), incomplete.GetProperty("present").GetInt32(), incomplete.GetProperty("expected").GetInt32()));

        // The filled candles equal the real 5m candles that were removed.
        var export = _dir.File("filled.csv");
        await FiboJson.RunAsync("data", "export", "--db", Db, "--series", "ETH_BTC-5m", "--output", export);
        var stored = File.ReadAllLines(export).Skip(1).ToDictionary(l => l.Split(',')[0], l => l.Split(',').Skip(1).Select(Num).ToArray());
        Assert.Equal(5759, stored.Count);
        foreach (var line in removed.Where(l => !l.StartsWith("1516770900000")))
        {
            var f = line.Split(',');
            var got = stored[f[0]];
            for (int i = 0; i < 5; i++) Assert.Equal(Num(f[i + 1]), got[i], 1e-9 * Math.Max(1, Num(f[i + 1])));
        }

        var human = await FiboProcess.RunAsync("data", "gaps", "--db", Db, "--series", "ETH_BTC-5m");
        Assert.Equal(0, human.ExitCode);
        Assert.Contains("2018-01-24T05:10:00Z", human.StdOut); // the remaining gap: after 05:10, next 05:20
        Assert.Contains("1 candle(s) missing of 5760 expected", human.StdOut);
    }

    private static double Num(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    [Fact]
    public async Task Synth_is_deterministic_per_seed_and_imports_cleanly()
    {
        string a = _dir.File("a/SYN_USDT-5m.csv"), b = _dir.File("b/SYN_USDT-5m.csv"), c = _dir.File("c/SYN_USDT-5m.csv");
        foreach (var d in new[] { "a", "b", "c" }) Directory.CreateDirectory(_dir.File(d));
        var first = await FiboJson.RunAsync("data", "synth", "--series", "SYN_USDT-5m", "--count", "3000", "--seed", "7", "--output", a, "--start", "2024-03-01T00:02:00Z");
        Assert.Equal("2024-03-01T00:05:00Z", first.GetProperty("first").GetString());
        await FiboJson.RunAsync("data", "synth", "--series", "SYN_USDT-5m", "--count", "3000", "--seed", "7", "--output", b, "--start", "2024-03-01T00:02:00Z");
        await FiboJson.RunAsync("data", "synth", "--series", "SYN_USDT-5m", "--count", "3000", "--seed", "8", "--output", c, "--start", "2024-03-01T00:02:00Z");
        Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b));
        Assert.NotEqual(File.ReadAllText(a), File.ReadAllText(c));

        var report = await FiboJson.RunAsync("data", "import", "--db", Db, a);
        Assert.Equal(0, report.GetProperty("skippedRows").GetInt32());
        var info = await FiboJson.RunAsync("data", "info", "--db", Db);
        var s = Assert.Single(info.GetProperty("series").EnumerateArray());
        Assert.Equal(("SYN_USDT-5m", 3000L, 0), (s.GetProperty("key").GetString(), s.GetProperty("rows").GetInt64(), s.GetProperty("gaps").GetInt32()));
    }

    [Fact]
    public async Task Backup_writes_a_replica_with_the_same_series()
    {
        await FiboJson.RunAsync("data", "import", "--db", Db, TempDir.MarketDataFile("XRP_ETH-5m.csv"), TempDir.MarketDataFile("UNITTEST_BTC-30m.csv"));
        var replica = _dir.File("replica/marketdata_replica.db");
        var backup = await FiboJson.RunAsync("data", "backup", "--db", Db, "--to", replica);
        Assert.Equal((2, 2632L), (backup.GetProperty("series").GetInt32(), backup.GetProperty("rows").GetInt64()));
        var a = await FiboJson.RunAsync("data", "info", "--db", Db);
        var b = await FiboJson.RunAsync("data", "info", "--db", replica);
        Assert.Equal(a.GetProperty("series").GetRawText(), b.GetProperty("series").GetRawText());
    }

    /// <summary>
    /// A database as the seed's tools left it: its schema.sql, ts in SECONDS, symbol ETHBTC (CSV importers) or ETH/BTC
    /// (Kafka path), and optionally a row whose prices are NULL (the seed stored NaN as NULL).
    /// </summary>
    private static async Task BuildSeedDatabaseAsync(string path, int rowsCount, bool withNullRow)
    {
        var rows = File.ReadAllLines(TempDir.MarketDataFile("ETH_BTC-5m.csv")).Skip(1).Take(rowsCount).Select(l => l.Split(',')).ToList();
        await using var c = new SqliteConnection($"Data Source={path};Pooling=False");
        c.Open();
        await using (var ddl = c.CreateCommand())
        {
            ddl.CommandText = OhlcvSchema.SqliteSeedScript + OhlcvSchema.SqliteUniqueIndex;
            ddl.ExecuteNonQuery();
        }
        await using var tx = c.BeginTransaction();
        await using var ins = c.CreateCommand();
        ins.CommandText = "INSERT INTO ohlcv (symbol, timeframe, ts, open, high, low, close, volume, source) VALUES ($s, '5m', $ts, $o, $h, $l, $c, $v, 'csv_tradingview')";
        var p = new[] { "$s", "$ts", "$o", "$h", "$l", "$c", "$v" }.Select(n => ins.Parameters.Add(n, SqliteType.Text)).ToArray();
        for (int i = 0; i < rows.Count; i++)
        {
            p[0].Value = i < rows.Count / 2 ? "ETHBTC" : "ETH/BTC";
            p[1].Value = long.Parse(rows[i][0]) / 1000;
            for (int k = 1; k <= 5; k++) p[k + 1].Value = double.Parse(rows[i][k], CultureInfo.InvariantCulture);
            ins.ExecuteNonQuery();
        }
        if (withNullRow)
        {
            p[0].Value = "ETHBTC";
            p[1].Value = long.Parse(rows[^1][0]) / 1000 + 300;
            for (int k = 2; k <= 6; k++) p[k].Value = DBNull.Value;
            ins.ExecuteNonQuery();
        }
        tx.Commit();
    }

    [Fact]
    public async Task A_database_made_by_the_seeds_tools_opens_as_is()
    {
        await BuildSeedDatabaseAsync(Db, 1000, withNullRow: false);

        var info = await FiboJson.RunAsync("data", "info", "--db", Db);
        var s = Assert.Single(info.GetProperty("series").EnumerateArray());
        Assert.Equal(("ETH_BTC-5m", 1000L, 1515560100000L, 0), (s.GetProperty("key").GetString(), s.GetProperty("rows").GetInt64(), s.GetProperty("firstMs").GetInt64(), s.GetProperty("gaps").GetInt32()));

        var export = _dir.File("ETH_BTC-5m.csv");
        await FiboJson.RunAsync("data", "export", "--db", Db, "--series", "ETH_BTC-5m", "--output", export);
        Assert.Equal(string.Join("\n", Lf(TempDir.MarketDataFile("ETH_BTC-5m.csv")).Split('\n').Take(1001)) + "\n", File.ReadAllText(export));

        // Fibo can keep writing into it; the seed's readers' columns stay as they were.
        var more = await FiboJson.RunAsync("data", "import", "--db", Db, TempDir.MarketDataFile("LTC_BTC-5m.csv"));
        Assert.Equal(5760, more.GetProperty("rowsWritten").GetInt64());
        Assert.Equal(new Dictionary<string, long> { ["ETH_BTC-5m"] = 1000, ["LTC_BTC-5m"] = 5760 }, FiboJson.RowsBySeries(await FiboJson.RunAsync("data", "info", "--db", Db)));
    }

    [Fact]
    public async Task Bench_store_prints_both_rates_and_the_ratio()
    {
        var bench = await FiboJson.RunAsync("bench", "store", "--rows", "5000", "--runs", "1");
        double raw = bench.GetProperty("raw").GetDouble(), ours = bench.GetProperty("ours").GetDouble();
        Assert.True(raw > 0 && ours > 0, bench.GetRawText());
        Assert.Equal(ours / raw, bench.GetProperty("ratio").GetDouble(), 9);
        var human = await FiboProcess.RunAsync("bench", "store", "--rows", "2000", "--runs", "1");
        Assert.Equal(0, human.ExitCode);
        Assert.Contains("raw Microsoft.Data.Sqlite", human.StdOut);
        Assert.Contains("ratio", human.StdOut);

        var synth = await FiboJson.RunAsync("bench", "synth", "--count", "5000", "--runs", "1");
        Assert.True(synth.GetProperty("ours").GetDouble() > 0 && synth.GetProperty("baseline").GetDouble() > 0, synth.GetRawText());
    }

    [Fact]
    public async Task A_seed_database_imports_into_another_database_without_being_changed()
    {
        var seed = _dir.File("marketdata.db");
        await BuildSeedDatabaseAsync(seed, 600, withNullRow: true);
        var hash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(seed)));

        var refused = await FiboProcess.RunAsync("data", "import", "--db", Db, seed);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("rowid 601: field 'open' value 'NULL'", refused.StdErr);
        Assert.Contains("the seed stored NaN as NULL", refused.StdErr);

        var report = await FiboJson.RunAsync("data", "import", "--db", Db, seed, "--skip-invalid");
        var file = report.GetProperty("files")[0];
        Assert.Equal("sqlite-db", file.GetProperty("format").GetString());
        Assert.True(file.GetProperty("convertedFromSeconds").GetBoolean());
        Assert.Equal(1, file.GetProperty("skippedRows").GetInt32());
        Assert.Equal(600, report.GetProperty("rowsWritten").GetInt64());

        var info = await FiboJson.RunAsync("data", "info", "--db", Db);
        var s = Assert.Single(info.GetProperty("series").EnumerateArray());
        Assert.Equal(("ETH_BTC-5m", 600L, 1515560100000L), (s.GetProperty("key").GetString(), s.GetProperty("rows").GetInt64(), s.GetProperty("firstMs").GetInt64()));
        Assert.Equal(hash, Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(seed))));
        Assert.False(File.Exists(seed + "-wal"));
    }
}
