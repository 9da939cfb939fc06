using System.Globalization;
using System.Text.Json;
using Fibo.Actors.Infrastructure.MarketData;
using Fibo.Actors.Infrastructure.MarketData.Files;
using Fibo.Messages.Primitives;
using Fibo.Node.Tests.Support;

namespace Fibo.Node.Tests.Cli;

/// <summary>Trains one tiny model with the real <c>fibo train</c> on real candles, shared by the tests of this class.</summary>
public sealed class TrainedModelFixture : IAsyncLifetime
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "fibo-model-cli-" + Guid.NewGuid().ToString("N"));
    public string Csv => Path.Combine(AppContext.BaseDirectory, "TestData", "MarketData", "XRP_ETH-5m.csv");
    public string Registry => Path.Combine(Root, "models");
    public FiboRun Train { get; private set; } = null!;
    public string ModelDir { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Root);
        Train = await FiboProcess.RunAsync("train", "--input", Csv, "--set", "v2", "--seq-len", "16", "--horizon", "4", "--epochs", "3",
            "--hidden", "8", "--layers", "1", "--batch", "32", "--seed", "3", "--out", Registry);
        if (Train.ExitCode == 0) ModelDir = Directory.GetDirectories(Registry).Single();
    }

    public Task DisposeAsync()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }
}

public class ModelCliTests(TrainedModelFixture model) : IClassFixture<TrainedModelFixture>
{
    private string Temp(string name) => Path.Combine(model.Root, Guid.NewGuid().ToString("N")[..8] + "-" + name);

    [Fact]
    public void Train_reports_every_epoch_and_writes_a_complete_artifact()
    {
        Assert.True(model.Train.ExitCode == 0, model.Train.ToString());
        Assert.Contains("epoch 1/3", model.Train.StdErr);
        Assert.Contains("epoch 3/3", model.Train.StdErr);
        Assert.Contains("ETA", model.Train.StdErr);
        Assert.Contains("zero return", model.Train.StdOut);
        Assert.Contains("last return", model.Train.StdOut);
        foreach (var file in new[] { "meta.json", "scaler.json", "weights.safetensors", "loss.png" })
            Assert.True(new FileInfo(Path.Combine(model.ModelDir, file)).Length > 100, file);
        using var meta = JsonDocument.Parse(File.ReadAllText(Path.Combine(model.ModelDir, "meta.json")));
        Assert.Equal("v2", meta.RootElement.GetProperty("feature_set").GetString());
        Assert.Equal(16, meta.RootElement.GetProperty("seq_len").GetInt32());
        Assert.Equal("XRP_ETH-5m", meta.RootElement.GetProperty("data").GetProperty("series").GetString());
        Assert.Equal(3, meta.RootElement.GetProperty("training").GetProperty("history").GetArrayLength());
        Assert.Equal(4, meta.RootElement.GetProperty("metrics")[0].GetProperty("horizon").GetInt32());
    }

    [Fact]
    public async Task Predict_gives_one_row_per_window_and_the_same_numbers_from_a_file_and_from_a_store()
    {
        var fromFile = Temp("file.csv");
        var run = await FiboProcess.RunAsync("predict", "--model", model.ModelDir, "--input", model.Csv, "--output", fromFile, "--json");
        Assert.True(run.ExitCode == 0, run.ToString());
        using var summary = JsonDocument.Parse(run.StdOut);
        var lines = File.ReadAllLines(fromFile);
        Assert.Equal("timestamp,pred_ret,pred_vol", lines[0]);
        // 712 candles − 49 warm-up rows = 663 feature rows; windows of 16 rows: 648.
        Assert.Equal(648, lines.Length - 1);
        Assert.Equal(648, summary.RootElement.GetProperty("windows").GetInt32());
        var candles = File.ReadAllLines(model.Csv).Skip(1).Select(l => long.Parse(l.Split(',')[0], CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(candles[49 + 15], long.Parse(lines[1].Split(',')[0], CultureInfo.InvariantCulture)); // last candle of the first window
        Assert.Equal(candles[^1], long.Parse(lines[^1].Split(',')[0], CultureInfo.InvariantCulture));
        Assert.All(lines.Skip(1), l => Assert.True(double.Parse(l.Split(',')[2], CultureInfo.InvariantCulture) > 0));

        var db = Temp("candles.db");
        await using (var store = await CandleStores.OpenAsync(db))
        {
            var file = CandleFileReader.Read(model.Csv, new CandleFileReadOptions(SeriesKey.Parse("XRP_ETH-5m")));
            await store.WriteAsync(file.Series[0].Key, file.Series[0].Rows.Select(r => r.Candle).ToList(), CandleWriteMode.Import, "test");
        }
        var fromDb = Temp("db.csv");
        run = await FiboProcess.RunAsync("predict", "--model", model.ModelDir, "--db", db, "--series", "XRP_ETH-5m", "--output", fromDb);
        Assert.True(run.ExitCode == 0, run.ToString());
        // A reloaded model on the same candles gives identical predictions.
        Assert.Equal(lines, File.ReadAllLines(fromDb));
    }

    [Fact]
    public async Task Forecast_prints_the_fan_writes_the_png_and_scores_the_jump_method()
    {
        var png = Temp("fan.png");
        var jump = Temp("jump.csv");
        var run = await FiboProcess.RunAsync("forecast", "--model", model.ModelDir, "--input", model.Csv, "--horizons", "1,3,5,10",
            "--plot", png, "--jump", "50", "--jump-output", jump, "--json");
        Assert.True(run.ExitCode == 0, run.ToString());
        using var doc = JsonDocument.Parse(run.StdOut);
        var fan = doc.RootElement.GetProperty("fan");
        Assert.Equal([1, 3, 5, 10], fan.EnumerateArray().Select(p => p.GetProperty("horizon").GetInt32()));
        Assert.Equal(["scaling", "scaling", "scaling", "scaling"], fan.EnumerateArray().Select(p => p.GetProperty("method").GetString()));
        Assert.Contains("not calibrated", doc.RootElement.GetProperty("note").GetString());
        Assert.True(new FileInfo(png).Length > 1000);
        Assert.Equal(50, doc.RootElement.GetProperty("jump").GetProperty("summary").GetProperty("count").GetInt32());
        Assert.Equal(51, File.ReadAllLines(jump).Length);
    }

    [Fact]
    public async Task The_registry_lists_shows_and_promotes_and_predict_uses_the_promoted_version()
    {
        var registry = Temp("registry");
        CopyDirectory(model.ModelDir, Path.Combine(registry, Path.GetFileName(model.ModelDir)));
        var version = Path.GetFileName(model.ModelDir);

        var run = await FiboProcess.RunAsync("predict", "--models", registry, "--input", model.Csv, "--output", Temp("p.csv"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("nothing is promoted", run.StdErr);

        run = await FiboProcess.RunAsync("model", "promote", version, "--models", registry);
        Assert.True(run.ExitCode == 0, run.ToString());
        run = await FiboProcess.RunAsync("model", "list", "--models", registry, "--json");
        using (var list = JsonDocument.Parse(run.StdOut))
        {
            var v = Assert.Single(list.RootElement.EnumerateArray().ToList());
            Assert.True(v.GetProperty("promoted").GetBoolean());
            Assert.Equal("XRP_ETH-5m", v.GetProperty("series").GetString());
        }
        run = await FiboProcess.RunAsync("model", "show", version, "--models", registry);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("LSTM2Head", run.StdOut);
        Assert.Contains("(promoted)", run.StdOut);

        var output = Temp("promoted.csv");
        run = await FiboProcess.RunAsync("predict", "--models", registry, "--input", model.Csv, "--output", output);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(649, File.ReadAllLines(output).Length);
    }

    [Fact]
    public async Task A_model_whose_scaler_does_not_match_its_meta_is_refused_with_exit_2()
    {
        var broken = Temp("broken");
        CopyDirectory(model.ModelDir, broken);
        var scalerPath = Path.Combine(broken, "scaler.json");
        File.WriteAllText(scalerPath, File.ReadAllText(scalerPath).Replace("\"rsi_14\"", "\"rsi_15\""));
        var run = await FiboProcess.RunAsync("predict", "--model", broken, "--input", model.Csv, "--output", Temp("x.csv"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("feature mismatch", run.StdErr);
        Assert.Contains("rsi_15", run.StdErr);
    }

    [Fact]
    public async Task Import_python_converts_the_seed_artifacts()
    {
        var registry = Temp("imported");
        var run = await FiboProcess.RunAsync("model", "import-python", "--from", Path.Combine(AppContext.BaseDirectory, "TestData", "seed-v1"), "--out", registry, "--json");
        Assert.True(run.ExitCode == 0, run.ToString());
        using var doc = JsonDocument.Parse(run.StdOut);
        Assert.Equal("v1", doc.RootElement.GetProperty("meta").GetProperty("featureSet").GetString());
        var dir = doc.RootElement.GetProperty("directory").GetString()!;
        Assert.True(File.Exists(Path.Combine(dir, "weights.safetensors")));
        Assert.Contains("hidden 64, layers 2", doc.RootElement.GetProperty("weights").GetString());
    }

    [Fact]
    public async Task The_inference_benchmark_runs_and_reports_every_figure()
    {
        var run = await FiboProcess.RunAsync("bench", "inference", "--seq-len", "8", "--hidden", "8", "--iterations", "50", "--memory-predictions", "200", "--json");
        Assert.True(run.ExitCode == 0, run.ToString());
        using var doc = JsonDocument.Parse(run.StdOut);
        var r = doc.RootElement;
        foreach (var name in new[] { "samplesPerSecondBatch1", "samplesPerSecondBatch64", "batch64OverBatch1", "rssGrowthMb" })
            Assert.True(r.GetProperty(name).ValueKind == JsonValueKind.Number, name);
        Assert.True(r.GetProperty("apiBatch1").GetProperty("p50Us").GetDouble() > 0);
        Assert.Equal(1, r.GetProperty("threads").GetInt32());
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var f in Directory.GetFiles(from)) File.Copy(f, Path.Combine(to, Path.GetFileName(f)));
    }
}
