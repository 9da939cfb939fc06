using System.Globalization;
using System.Text.Json;
using Fibo.Actors.Domain.Features;
using Fibo.Actors.Infrastructure.MarketData;
using Fibo.Actors.Infrastructure.MarketData.Files;
using Fibo.Messages.MarketData;
using Fibo.Messages.Primitives;
using Fibo.Node.Tests.Support;

namespace Fibo.Node.Tests.Cli;

/// <summary>fibo features / dataset / audit / bench features, run as the real executable on bundled real candles.</summary>
public sealed class FeaturesCliTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("fibo-features-cli-");

    public void Dispose() => _dir.Delete(recursive: true);

    private static string SampleCsv(string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Fibo.sln"))) dir = dir.Parent;
        return Path.Combine(dir!.FullName, "data", "sample", name);
    }

    private static Candle[] ReadCandles(string path) =>
        CandleFileReader.Read(path).Series.Single().Rows.Select(r => r.Candle).ToArray();

    private async Task<string> MakeDbAsync(string csv, string series)
    {
        var db = Path.Combine(_dir.FullName, "candles.db");
        await using var store = await CandleStores.OpenAsync(db);
        await store.WriteAsync(SeriesKey.Parse(series), ReadCandles(csv), CandleWriteMode.Import, "test");
        return db;
    }

    [Theory]
    [InlineData("v1")]
    [InlineData("v2")]
    public async Task Features_writes_the_complete_rows_with_round_trip_precision(string set)
    {
        var csv = SampleCsv("XRP_ETH-5m.csv");
        var output = Path.Combine(_dir.FullName, $"out-{set}.csv");
        var run = await FiboProcess.RunAsync("features", "--input", csv, "--set", set, "--output", output, "--json");
        Assert.True(run.ExitCode == 0, run.ToString());
        using var summary = JsonDocument.Parse(run.StdOut);
        Assert.Equal(49, summary.RootElement.GetProperty("dropped").GetInt32());

        var fs = FeatureRegistry.Get(set);
        var expected = fs.CreateBatch().Compute(ReadCandles(csv)).DropIncomplete();
        var lines = File.ReadAllLines(output);
        Assert.Equal("timestamp," + string.Join(",", fs.Columns), lines[0]);
        Assert.Equal(expected.RowCount + 1, lines.Length);
        for (int r = 0; r < expected.RowCount; r += 97)
        {
            var cells = lines[r + 1].Split(',');
            Assert.Equal(expected.Timestamps[r], long.Parse(cells[0], CultureInfo.InvariantCulture));
            for (int c = 0; c < fs.Columns.Count; c++)
                Assert.Equal(expected[r, c], double.Parse(cells[c + 1], CultureInfo.InvariantCulture)); // bit-exact round trip
        }
    }

    [Fact]
    public async Task Features_from_a_store_equal_features_from_the_file()
    {
        var csv = SampleCsv("XRP_ETH-5m.csv");
        var db = await MakeDbAsync(csv, "XRP_ETH-5m");
        var fromFile = await FiboProcess.RunAsync("features", "--input", csv, "--set", "v2");
        var fromDb = await FiboProcess.RunAsync("features", "--db", db, "--series", "XRP_ETH-5m", "--set", "v2");
        Assert.True(fromDb.ExitCode == 0, fromDb.ToString());
        Assert.Equal(fromFile.StdOut, fromDb.StdOut);
        Assert.StartsWith("timestamp,log_ret_1,", fromDb.StdOut);
    }

    [Fact]
    public async Task Bad_arguments_are_one_line_errors_with_exit_2()
    {
        var noSeries = await FiboProcess.RunAsync("features", "--db", Path.Combine(_dir.FullName, "x.db"));
        Assert.Equal(2, noSeries.ExitCode);
        Assert.Contains("--series", noSeries.StdErr);
        var badSet = await FiboProcess.RunAsync("features", "--input", SampleCsv("XRP_ETH-5m.csv"), "--set", "v9");
        Assert.Equal(2, badSet.ExitCode);
        Assert.Contains("System 'v9' not found", badSet.StdErr);
        var both = await FiboProcess.RunAsync("dataset", "--input", SampleCsv("XRP_ETH-5m.csv"), "--db", "x.db", "--series", "XRP_ETH-5m");
        Assert.Equal(2, both.ExitCode);
    }

    [Fact]
    public async Task Dataset_prints_shapes_split_gaps_and_scaler()
    {
        var db = await MakeDbAsync(SampleCsv("ETH_BTC-5m.csv"), "ETH_BTC-5m");
        var scaler = Path.Combine(_dir.FullName, "scaler.json");
        var run = await FiboProcess.RunAsync("dataset", "--db", db, "--series", "ETH_BTC-5m", "--set", "v2", "--seq-len", "64", "--horizon", "4",
            "--folds", "3", "--scaler-out", scaler, "--json");
        Assert.True(run.ExitCode == 0, run.ToString());
        using var doc = JsonDocument.Parse(run.StdOut);
        var root = doc.RootElement;
        int rows = root.GetProperty("featureRows").GetInt32();
        int n = rows - 64 - 4 + 1;
        Assert.Equal([n, 64, 14], root.GetProperty("x").EnumerateArray().Select(e => e.GetInt32()));
        var split = root.GetProperty("split");
        Assert.Equal(4, split.GetProperty("purgeGap").GetInt32());
        Assert.Equal(3, root.GetProperty("folds").GetArrayLength());
        Assert.Equal(0, root.GetProperty("gaps").GetProperty("droppedWindows").GetInt32());
        Assert.True(File.Exists(scaler));
        Assert.Equal(14, Fibo.Actors.Domain.Dataset.StandardScaler.Load(scaler).FeatureCount);

        var seed = await FiboProcess.RunAsync("dataset", "--db", db, "--series", "ETH_BTC-5m", "--seq-len", "64", "--horizon", "4", "--no-purge");
        Assert.True(seed.ExitCode == 0, seed.ToString());
        Assert.Contains("seed, no purge", seed.StdOut);
        Assert.Contains("X: (", seed.StdOut);
    }

    [Fact]
    public async Task Audit_passes_the_pipeline_and_exits_3_on_a_scaler_fitted_on_all_rows()
    {
        var csv = SampleCsv("ETH_BTC-5m.csv");
        var clean = await FiboProcess.RunAsync("audit", "--input", csv, "--set", "v2", "--horizon", "4");
        Assert.True(clean.ExitCode == 0, clean.ToString());
        Assert.Contains("verdict: no leak found", clean.StdOut);

        var leaky = await FiboProcess.RunAsync("audit", "--input", csv, "--set", "v2", "--horizon", "4", "--scaler-fit", "all", "--json");
        Assert.True(leaky.ExitCode == 3, leaky.ToString());
        using var doc = JsonDocument.Parse(leaky.StdOut);
        Assert.True(doc.RootElement.GetProperty("leakFound").GetBoolean());
        var leaks = doc.RootElement.GetProperty("checks").EnumerateArray().Where(c => c.GetProperty("leak").GetBoolean()).Select(c => c.GetProperty("name").GetString());
        Assert.Contains("scaler_fit_rows", leaks);
    }

    [Fact]
    public async Task Bench_features_reports_both_paths_and_the_ratio()
    {
        var run = await FiboProcess.RunAsync("bench", "features", "--candles", "6000", "--samples", "20", "--json");
        Assert.True(run.ExitCode == 0, run.ToString());
        using var doc = JsonDocument.Parse(run.StdOut);
        var results = doc.RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(["v1", "v2"], results.Select(r => r.GetProperty("set").GetString()));
        foreach (var r in results)
        {
            Assert.Equal(0.0, r.GetProperty("streamingBytesPerCandle").GetDouble());
            Assert.True(r.GetProperty("ratio").GetDouble() > 0);
            Assert.True(r.GetProperty("maxAbsDiff").GetDouble() < 1e-9);
        }
    }
}
