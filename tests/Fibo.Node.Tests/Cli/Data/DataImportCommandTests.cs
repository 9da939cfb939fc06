using System.Text.Json;
using Fibo.Node.Tests.Support;

namespace Fibo.Node.Tests.Cli.Data;

/// <summary><c>fibo data import</c> and <c>info</c> through the real executable, on real files.</summary>
public sealed class DataImportCommandTests : IDisposable
{
    private static readonly string[] AllFiles = ["ETH_BTC-5m.csv", "ETH_BTC-1m.csv", "LTC_BTC-5m.csv", "XRP_ETH-5m.csv", "XRP_ETH-1m.csv", "UNITTEST_BTC-30m.csv"];
    private static readonly Dictionary<string, long> ExpectedRows = new()
    {
        ["ETH_BTC-5m"] = 5_760, ["ETH_BTC-1m"] = 14_397, ["LTC_BTC-5m"] = 5_760,
        ["XRP_ETH-5m"] = 712, ["XRP_ETH-1m"] = 3_560, ["UNITTEST_BTC-30m"] = 1_920,
    };

    private readonly TempDir _dir = new();
    private string Db => _dir.File("candles.db");
    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Importing_every_shared_file_gives_the_right_row_counts()
    {
        var report = await FiboJson.RunAsync(["data", "import", "--db", Db, .. AllFiles.Select(TempDir.MarketDataFile)]);
        Assert.Equal(32_109, report.GetProperty("rowsWritten").GetInt64());
        Assert.Equal(0, report.GetProperty("skippedRows").GetInt32());
        Assert.All(report.GetProperty("files").EnumerateArray(), f => Assert.Equal("freqtrade-csv", f.GetProperty("format").GetString()));

        var info = await FiboJson.RunAsync("data", "info", "--db", Db);
        Assert.Equal(ExpectedRows, FiboJson.RowsBySeries(info));
        var eth1m = info.GetProperty("series").EnumerateArray().Single(s => s.GetProperty("key").GetString() == "ETH_BTC-1m");
        Assert.Equal("2018-01-20T04:53:00Z", eth1m.GetProperty("first").GetString());
        Assert.Equal(1, eth1m.GetProperty("gaps").GetInt32());

        // The human table says the same.
        var human = await FiboProcess.RunAsync("data", "info", "--db", Db);
        Assert.Equal(0, human.ExitCode);
        Assert.Contains("14,397", human.StdOut);
        Assert.Contains("UNITTEST_BTC-30m", human.StdOut);
    }

    [Fact]
    public async Task A_corrupt_file_refuses_the_whole_import_and_leaves_the_database_unchanged()
    {
        await FiboJson.RunAsync("data", "import", "--db", Db, TempDir.MarketDataFile("ETH_BTC-5m.csv"));
        var before = await FiboJson.RunAsync("data", "info", "--db", Db);

        var good = _dir.Copy("XRP_ETH-5m.csv");
        var lines = File.ReadAllLines(TempDir.MarketDataFile("LTC_BTC-5m.csv"));
        var f = lines[99].Split(',');             // file line 100
        lines[99] = string.Join(',', f[0], f[1], "0.001", f[3], f[4], f[5]); // high far below the body
        lines[200] = lines[199];                   // file line 201 repeats line 200
        var bad = _dir.File("LTC_BTC-5m.csv");
        File.WriteAllLines(bad, lines);

        var run = await FiboProcess.RunAsync("data", "import", "--db", Db, good, bad);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("2 invalid row(s), nothing was written", Flat(run.StdErr));
        Assert.Contains("LTC_BTC-5m.csv line 100: field 'high' value '0.001': high is below max(open, close)", Flat(run.StdErr));
        Assert.Contains("LTC_BTC-5m.csv line 201: field 'timestamp'", Flat(run.StdErr));
        Assert.Contains("duplicate of line 200", Flat(run.StdErr));
        Assert.Contains("--skip-invalid", Flat(run.StdErr));
        Assert.Equal("", run.StdOut.Trim());

        // Neither the good file of the same run nor any other row was written.
        var after = await FiboJson.RunAsync("data", "info", "--db", Db);
        Assert.Equal(before.GetRawText(), after.GetRawText());

        // --json gives the issues to machines, still exit 2 and nothing written.
        var json = await FiboProcess.RunAsync("data", "import", "--db", Db, good, bad, "--json");
        Assert.Equal(2, json.ExitCode);
        using var doc = JsonDocument.Parse(json.StdOut);
        Assert.Equal([100, 201], doc.RootElement.GetProperty("issues").EnumerateArray().Select(i => i.GetProperty("line").GetInt32()));
        Assert.Equal(before.GetRawText(), (await FiboJson.RunAsync("data", "info", "--db", Db)).GetRawText());
    }

    [Fact]
    public async Task Skip_invalid_imports_the_good_rows_and_reports_the_skipped_ones()
    {
        var lines = File.ReadAllLines(TempDir.MarketDataFile("XRP_ETH-5m.csv")).ToList();
        lines[10] = lines[10].Split(',')[0] + ",abc,1,1,1,1";              // line 11: unparsable open
        lines[20] = string.Join(',', lines[20].Split(',')[..5]) + ",-5";   // line 21: negative volume
        lines[30] = (long.Parse(lines[30].Split(',')[0]) + 1) + "," + string.Join(',', lines[30].Split(',')[1..]); // line 31: not aligned
        var path = _dir.File("XRP_ETH-5m.csv");
        File.WriteAllLines(path, lines);

        var run = await FiboProcess.RunAsync("data", "import", "--db", Db, path, "--skip-invalid");
        Assert.True(run.ExitCode == 0, run.ToString());
        var text = Flat(run.StdOut);
        Assert.Contains("skipped 3 invalid row(s)", text);
        Assert.Contains("line 11: field 'open' value 'abc': not a number", text);
        Assert.Contains("line 21: field 'volume' value '-5': volume must not be negative", text);
        Assert.Contains("line 31: field 'timestamp'", text);
        Assert.Contains("not aligned to the 5m timeframe", text);
        Assert.Equal(709, FiboJson.RowsBySeries(await FiboJson.RunAsync("data", "info", "--db", Db))["XRP_ETH-5m"]);
    }

    [Fact]
    public async Task The_seeds_csv_formats_import_with_seconds_converted_and_said()
    {
        var tv = _dir.File("tv.csv");
        File.WriteAllText(tv,
            "Unix,Date,Symbol,Open,High,Low,Close,Volume BTC,Volume USDT\n" +
            "1761782400,2025-10-30 00:00:00,BINANCE:BTCUSDT,100,101,99,100.5,3.5,350\n" +
            "1761786000,2025-10-30 01:00:00,BINANCE:BTCUSDT,100.5,102,100,101,4,404\n");
        var export = _dir.File("ohlcv_2025-10-30.csv");
        File.WriteAllText(export,
            "symbol,timeframe,ts,o,h,l,c,v,source\n" +
            "BTC/USDT,1m,1761782400000,100,101,99,100.5,3,binance_ws\n" +
            "ETHBTC,5m,1761782400000,0.03,0.031,0.029,0.0305,7,kafka\n");

        var report = await FiboJson.RunAsync("data", "import", "--db", Db, tv, "--series", "BTC_USDT-1h");
        var file = report.GetProperty("files")[0];
        Assert.Equal("tradingview", file.GetProperty("format").GetString());
        Assert.True(file.GetProperty("convertedFromSeconds").GetBoolean());
        Assert.Contains(file.GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("seconds"));

        var human = await FiboProcess.RunAsync("data", "import", "--db", Db, export);
        Assert.Equal(0, human.ExitCode);
        Assert.Contains("seed-export", human.StdOut);

        var info = await FiboJson.RunAsync("data", "info", "--db", Db);
        Assert.Equal(new Dictionary<string, long> { ["BTC_USDT-1h"] = 2, ["BTC_USDT-1m"] = 1, ["ETH_BTC-5m"] = 1 }, FiboJson.RowsBySeries(info));
        var btc1h = info.GetProperty("series").EnumerateArray().First();
        Assert.Equal(1761782400000, btc1h.GetProperty("firstMs").GetInt64());
    }

    [Fact]
    public async Task Stream_mode_keeps_stored_candles_and_import_mode_replaces_them()
    {
        var original = TempDir.MarketDataFile("XRP_ETH-5m.csv");
        await FiboJson.RunAsync("data", "import", "--db", Db, original);
        var lines = File.ReadAllLines(original);
        var f = lines[1].Split(',');
        lines[1] = string.Join(',', f[0], f[1], f[2], f[3], f[4], "99999");
        var revised = _dir.File("XRP_ETH-5m.csv");
        File.WriteAllLines(revised, lines);

        var stream = await FiboJson.RunAsync("data", "import", "--db", Db, revised, "--mode", "stream");
        Assert.Equal(0, stream.GetProperty("rowsWritten").GetInt64());
        var exported = _dir.File("out.csv");
        await FiboJson.RunAsync("data", "export", "--db", Db, "--series", "XRP_ETH-5m", "--output", exported);
        Assert.DoesNotContain("99999", File.ReadAllText(exported));

        await FiboJson.RunAsync("data", "import", "--db", Db, revised, "--mode", "import");
        await FiboJson.RunAsync("data", "export", "--db", Db, "--series", "XRP_ETH-5m", "--output", exported);
        Assert.Equal(f[0] + "," + string.Join(',', f[1..5]) + ",99999", File.ReadAllLines(exported)[1]);
    }

    [Fact]
    public async Task Bad_arguments_give_one_clear_line_and_exit_2()
    {
        var missing = await FiboProcess.RunAsync("data", "info", "--db", _dir.File("nope.db"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("no such database file", Flat(missing.StdErr));
        Assert.False(File.Exists(_dir.File("nope.db")));

        var noFile = await FiboProcess.RunAsync("data", "import", "--db", Db, _dir.File("ETH_BTC-5m.csv"));
        Assert.Equal(2, noFile.ExitCode);
        Assert.Contains("file not found", noFile.StdErr);

        var unnamed = _dir.File("candles.csv");
        File.Copy(TempDir.MarketDataFile("XRP_ETH-5m.csv"), unnamed);
        var noSeries = await FiboProcess.RunAsync("data", "import", "--db", Db, unnamed);
        Assert.Equal(2, noSeries.ExitCode);
        Assert.Contains("--series", noSeries.StdErr);

        var badSeries = await FiboProcess.RunAsync("data", "import", "--db", Db, unnamed, "--series", "ETH_BTC-7x");
        Assert.Equal(2, badSeries.ExitCode);
        Assert.Contains("invalid series key 'ETH_BTC-7x'", badSeries.StdErr);

        var header = _dir.File("ETH_BTC-5m.csv");
        File.WriteAllText(header, "a,b,c\n1,2,3\n");
        var unknown = await FiboProcess.RunAsync("data", "import", "--db", Db, header);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("unknown CSV format", unknown.StdErr);

        var mode = await FiboProcess.RunAsync("data", "import", "--db", Db, unnamed, "--series", "XRP_ETH-5m", "--mode", "sideways");
        Assert.NotEqual(0, mode.ExitCode);
    }

    private static string Flat(string s) => string.Join(" ", s.Split((char[])['\n', '\r', ' '], StringSplitOptions.RemoveEmptyEntries));
}
