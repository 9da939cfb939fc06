using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Fibo.Actors.Actors.Common;
using Fibo.Actors.Domain;
using Fibo.Actors.Domain.Dataset;
using Fibo.Actors.Domain.Features;
using Fibo.Actors.Domain.MarketData;
using Fibo.Actors.Domain.Prediction;
using Fibo.Actors.Hosting.Options;
using Fibo.Actors.Infrastructure.Kafka;
using Fibo.Actors.Infrastructure.Models;
using Fibo.Messages.MarketData;
using Fibo.Messages.Primitives;
using Spectre.Console;

namespace Fibo.Node.Cli.Bench;

/// <summary>
/// <c>fibo bench pipeline</c>: candles/s of a whole node (Kafka consumer stage → <c>candle-series</c> sharding → batched
/// SQLite store writes → streaming v2 features → predictor → policy → executor) on synthetic series, with the LSTM and
/// without it (the predictor then serves the persistence forecast: same windows, messages and policy), against the bare
/// Confluent consumer loop over the same topic in the same run (<see cref="RawConsumerBaseline"/>, the ceiling). Also the
/// p99 candle-to-decision latency (from a candle's arrival at its entity to its decision). Goals: ≥ 100k candles/s per
/// node without the LSTM; with it, batched inference keeping up with 1,000 series of 1-minute candles.
/// </summary>
internal static class PipelineBench
{
    private const int SeqLen = 32;
    private const int Warmup = 49 + SeqLen - 1; // candles before the first full v2 window

    public static Command Create()
    {
        var command = new Command("pipeline", "Candles/s through Kafka → sharding → store → features → (LSTM) → policy, vs the raw Kafka consumer, 100 and 1,000 series");
        var series = new Option<string>("--series") { Description = "Series counts to run, comma-separated", DefaultValueFactory = _ => "100,1000" };
        var candles = new Option<int>("--candles") { Description = "Candles per series (at least 100: the first 80 warm the features up)", DefaultValueFactory = _ => 0 };
        var lstm = new Option<string>("--lstm") { Description = "both, off (persistence forecast only) or on", DefaultValueFactory = _ => "both" };
        var hidden = new Option<int>("--hidden") { Description = "LSTM hidden size (2 layers, v2 features, seq_len 32)", DefaultValueFactory = _ => 64 };
        var threshold = new Option<double>("--threshold") { Description = "Policy threshold on |predicted return| (the seed's 0.0005)", DefaultValueFactory = _ => 0.0005 };
        foreach (var o in new Option[] { series, candles, lstm, hidden, threshold }) command.Options.Add(o);
        CliAction.Set(command, async (parse, ct) =>
        {
            var counts = parse.GetValue(series)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(s => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is > 0 and <= 100_000
                    ? n
                    : throw new InputException($"--series '{s}': use whole numbers of series, e.g. 100,1000")).ToList();
            var modes = parse.GetValue(lstm)!.ToLowerInvariant() switch
            {
                "both" => new[] { false, true },
                "off" => [false],
                "on" => [true],
                var other => throw new InputException($"--lstm '{other}': use both, off or on"),
            };
            var perSeries = parse.GetValue(candles);
            if (perSeries is > 0 and < 100) throw new InputException($"--candles {perSeries}: use at least 100 per series");
            TorchRuntime.EnsureInitialized();
            var results = new List<Result>();
            // Akka prints its last shutdown lines on stdout once its loggers have stopped: stdout is for the results only.
            var stdout = Console.Out;
            Console.SetOut(Console.Error);
            try
            {
                await RunAllAsync();
            }
            finally
            {
                Console.SetOut(stdout);
            }
            if (parse.GetValue(CliOptions.Json)) CliConsole.WriteJson(results);
            else Print(results);
            return 0;

            async Task RunAllAsync()
            {
                using var folder = new BenchFolder();
                using var kafka = EmbeddedKafka.Start(brokers: 1);
                var model = modes.Contains(true) ? SaveRandomLstm(folder.Path("models"), parse.GetValue(hidden)) : null;
                foreach (var n in counts)
                foreach (var withLstm in modes)
                {
                    // Defaults keep the whole run near a minute on 2 cores: ~100k candles without the LSTM, fewer with it.
                    var k = perSeries > 0 ? perSeries : withLstm ? Math.Max(100, 40_000 / n + Warmup) : Math.Max(100, 100_000 / n);
                    CliConsole.Error.MarkupLineInterpolated($"[grey]{n} series × {k} candles, {(withLstm ? "LSTM" : "no LSTM")}…[/]");
                    results.Add(await RunScenarioAsync(kafka, folder, n, k, withLstm, model, parse.GetValue(threshold), ct));
                }
            }
        });
        return command;
    }

    public sealed record Result(
        int Series, int CandlesPerSeries, long Candles, bool Lstm, string Forecaster,
        double RawConsumerPerSecond, double PipelinePerSecond, double Ratio, double Seconds,
        long Decisions, long Predictions, double AverageBatch, long Orders, double DecisionP50Ms, double DecisionP99Ms,
        double OneMinuteCloseSeconds);

    private static async Task<Result> RunScenarioAsync(EmbeddedKafka kafka, BenchFolder folder, int seriesCount, int perSeries, bool withLstm,
        string? modelsDir, double threshold, CancellationToken ct)
    {
        var name = $"s{seriesCount}-{(withLstm ? "lstm" : "naive")}";
        var topic = $"bench-{name}-{Guid.NewGuid():N}"[..40];
        kafka.CreateTopic(topic, partitions: 8);
        var market = Market(seriesCount, perSeries);
        using (var producer = new CandleKafkaProducer(kafka.BootstrapServers, topic, c => c.LingerMs = 20))
            await HistoryReplay.PublishAsync(producer, market, 0, null, ct);

        // The ceiling: a bare consume loop over the same records, in this run.
        var raw = await RawConsumerBaseline.RunAsync(kafka.BootstrapServers, topic, ct: ct);

        var dir = folder.Path(name);
        var o = new FiboOptions();
        o.Node.Port = 0;
        o.Http.Port = 0;
        o.Persistence.Provider = PersistenceProvider.InMemory; // the ledger journal has its own benchmark; candles go to SQLite
        o.Store.ConnectionString = $"Data Source={Path.Combine(dir, "candles.db")}";
        o.Store.DeadLetterConnectionString = $"Data Source={Path.Combine(dir, "dead.db")}";
        o.Models.Directory = modelsDir ?? Path.Combine(dir, "models");
        o.Kafka.BootstrapServers = kafka.BootstrapServers;
        o.Kafka.Topic = topic;
        o.Kafka.GroupId = "bench-" + name;
        o.Kafka.MaxInFlight = 8_192;
        o.Pipeline.Forecaster = withLstm ? ForecasterKind.Lstm : ForecasterKind.Persistence;
        o.Pipeline.PersistenceSeqLen = SeqLen;
        o.Pipeline.WarmupCandles = 1;
        o.Pipeline.WriteBatchMaxRows = 8_192;
        o.Pipeline.PredictBatchMax = 1_024;
        o.Trading.DecisionClock = DecisionClock.Candle;
        o.Trading.Threshold = threshold;
        // Ten series per paper account, as a node trading many series would split them: each executor is one journal writer.
        o.Trading.Accounts = Enumerable.Range(0, (seriesCount + 9) / 10).Select(a => new AccountOptions
        {
            Id = $"bench-{a + 1}",
            Series = Enumerable.Range(a * 10, Math.Min(10, seriesCount - a * 10)).Select(i => SeriesName(i).ToString()).ToArray(),
        }).ToList();
        o.Logging.Level = "Warning";
        o.Logging.File = Path.Combine(dir, "bench.log");

        var app = NodeHost.Build(o, null, null, Serilog.Events.LogEventLevel.Error);
        var metrics = app.Services.GetRequiredService<PipelineMetrics>();
        var total = (long)seriesCount * perSeries;
        var decisions = (long)seriesCount * (perSeries - Warmup);
        await app.StartAsync(ct);
        try
        {
            // Timed from the first candle stored to the last decision (the node's start and the group join are not the pipeline).
            await WaitAsync(() => metrics.CandlesWritten > 0, TimeSpan.FromSeconds(60), "the first candle", ct);
            var clock = Stopwatch.StartNew();
            await WaitAsync(() => metrics.CandlesWritten >= total && metrics.Decisions >= decisions, TimeSpan.FromMinutes(5),
                $"{total:N0} candles and {decisions:N0} decisions (have {metrics.CandlesWritten:N0} and {metrics.Decisions:N0})", ct);
            var seconds = clock.Elapsed.TotalSeconds;
            var perSecond = total / seconds;
            return new Result(seriesCount, perSeries, total, withLstm, withLstm ? "lstm" : "persistence",
                raw.MessagesPerSecond, perSecond, perSecond / raw.MessagesPerSecond, seconds,
                metrics.Decisions, metrics.Predictions, metrics.PredictionBatches == 0 ? 0 : (double)metrics.Predictions / metrics.PredictionBatches,
                metrics.OrdersAccepted, metrics.DecisionLatency.Percentile(0.5) / 1000, metrics.DecisionLatency.Percentile(0.99) / 1000,
                seriesCount / perSecond);
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
        }
    }

    /// <summary>Synthetic 1-minute series (GARCH + regimes, seeded), interleaved as a market closes them.</summary>
    private static IReadOnlyList<KeyedCandle> Market(int seriesCount, int perSeries)
    {
        var start = Timeframe.M1.Floor(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds());
        var series = Enumerable.Range(0, seriesCount).Select(i =>
            (SeriesName(i),
             SyntheticMarket.Generate(Timeframe.M1, perSeries, (ulong)(1000 + i), start)));
        return HistoryReplay.Market(series);
    }

    private static SeriesKey SeriesName(int i) => new(new Fibo.Messages.Primitives.Symbol($"S{i:D5}", "USDT"), Timeframe.M1);

    /// <summary>A v2 LSTM2Head of the seed's shape with random weights: inference costs the same trained or not.</summary>
    private static string SaveRandomLstm(string registryDir, int hidden)
    {
        var registry = new ModelRegistry(registryDir);
        var set = FeatureRegistry.V2;
        var arch = ModelArchitecture.TwoHead(set.Columns.Count, hidden, 2, horizon: 1);
        var meta = ModelMeta.Describe("bench-lstm", arch, set.Columns, set.Name, SeqLen, DateTimeOffset.UtcNow);
        var scaler = new StandardScaler(set.Columns, new double[set.Columns.Count], Enumerable.Repeat(1.0, set.Columns.Count).ToArray());
        using var network = ForecastNetworks.Create(arch);
        ModelArtifact.Save(registry.PathOf("bench-lstm"), network, scaler, meta);
        registry.Promote("bench-lstm");
        return registry.Root;
    }

    private static async Task WaitAsync(Func<bool> condition, TimeSpan timeout, string what, CancellationToken ct)
    {
        var sw = Stopwatch.StartNew();
        while (!condition())
        {
            if (sw.Elapsed > timeout) throw new TimeoutException($"the pipeline did not reach {what} within {timeout.TotalSeconds:0} s");
            await Task.Delay(5, ct);
        }
    }

    private static void Print(IReadOnlyList<Result> results)
    {
        var table = new Table().Title("[bold]fibo bench pipeline[/] (one node, 2 cores)")
            .AddColumns("series × candles", "forecast", "raw consumer /s", "pipeline /s", "ratio", "orders", "avg batch", "decision p50", "decision p99", "every series closing once, at this rate");
        foreach (var r in results)
            table.AddRow($"{r.Series:N0} × {r.CandlesPerSeries:N0}", r.Forecaster, $"{r.RawConsumerPerSecond:N0}", $"{r.PipelinePerSecond:N0}",
                $"{r.Ratio:P1}", $"{r.Orders:N0}", $"{r.AverageBatch:0.0}", $"{r.DecisionP50Ms:0.0} ms", $"{r.DecisionP99Ms:0.0} ms", $"{r.OneMinuteCloseSeconds * 1000:0} ms");
        CliConsole.Out.Write(table);
        var naive = results.Where(r => !r.Lstm).ToList();
        var lstm = results.Where(r => r.Lstm).ToList();
        if (naive.Count > 0)
            CliConsole.Out.MarkupLineInterpolated($"without the LSTM: best {naive.Max(r => r.PipelinePerSecond):N0} candles/s per node (goal ≥ 100,000)");
        foreach (var r in lstm)
            CliConsole.Out.MarkupLineInterpolated(
                $"with the LSTM, {r.Series:N0} series: a minute's close of every series is decided in {r.OneMinuteCloseSeconds * 1000:0} ms, {60 / r.OneMinuteCloseSeconds:0}× faster than 1-minute candles need");
        CliConsole.Out.MarkupLine("[grey]raw consumer: a bare Confluent.Kafka loop over the same topic (no group, no commits, no decoding). pipeline: the first candle stored → the last decision; " +
                                  "journal in memory (measured elsewhere), candles in SQLite. decision latency: a candle's arrival at its entity → its decision, queueing included.[/]");
    }

    private sealed class BenchFolder : IDisposable
    {
        private readonly string _root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"fibo-bench-pipeline-{Guid.NewGuid():N}");

        public string Path(string name)
        {
            var p = System.IO.Path.Combine(_root, name);
            Directory.CreateDirectory(p);
            return p;
        }

        public void Dispose()
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
        }
    }
}
