using System.CommandLine;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using Akka.Hosting;
using Fibo.Actors.Actors.Common;
using Fibo.Actors.Domain;
using Fibo.Actors.Hosting;
using Fibo.Actors.Hosting.Options;
using Fibo.Actors.Infrastructure.Kafka;
using Fibo.Actors.Infrastructure.MarketData.Files;
using Fibo.Actors.Infrastructure.Trading;
using Fibo.Messages.MarketData;
using Fibo.Messages.Primitives;
using Fibo.Messages.Trading;
using Spectre.Console;

namespace Fibo.Node.Cli.Demo;

/// <summary>
/// <c>fibo demo</c>: the whole system on one machine with nothing installed: an embedded Kafka and a node; the three
/// bundled real series replayed as a market; a small LSTM trained first when the demo's registry has none; paper trading
/// through the journaled ledger; live progress; a summary with the files it wrote. Outputs go to <c>./fibo-demo/</c>.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "Folder for the demo's database, ledger, plots, model registry and log", DefaultValueFactory = _ => "fibo-demo" };
        var follow = new Option<bool>("--follow") { Description = "Keep the node (and its dashboard) running after the summary, until Ctrl+C" };
        var speed = new Option<double>("--speed") { Description = "Replay time factor (0: as fast as the pipeline takes it)", DefaultValueFactory = _ => 0 };
        var epochs = new Option<int>("--epochs") { Description = "Training epochs when a model is trained", DefaultValueFactory = _ => 4 };
        var candles = new Option<int?>("--candles") { Description = "Replay only the first N candles of each series (a shorter demo)" };
        var retrain = new Option<bool>("--retrain") { Description = "Train a new model even when the demo's registry has one" };
        var httpPort = new Option<int>("--http-port") { Description = "Port of the node's HTTP API and dashboard (a free one is used when it is taken)", DefaultValueFactory = _ => 8080 };
        var samples = new Option<string?>("--data") { Description = "Folder with the candle files to replay (default: the bundled data/sample)" };

        var command = new Command("demo", "Run the whole pipeline on bundled real candles: embedded Kafka, a node, a small LSTM, paper trading; ends with a summary");
        foreach (var o in new Option[] { output, follow, speed, epochs, candles, retrain, httpPort, samples }) command.Options.Add(o);
        CliAction.Set(command, async (parse, ct) =>
        {
            var settings = new DemoSettings(
                Path.GetFullPath(parse.GetValue(output)!),
                Path.GetFullPath(parse.GetValue(samples) ?? Path.Combine(AppContext.BaseDirectory, "sample")),
                parse.GetValue(follow), parse.GetValue(speed), parse.GetValue(epochs), parse.GetValue(candles), parse.GetValue(retrain),
                parse.GetValue(httpPort), parse.GetValue(CliOptions.Json));
            if (settings.Epochs is < 1 or > 1000) throw new InputException($"--epochs {settings.Epochs}: use 1-1000");
            if (settings.MaxCandles is < 100) throw new InputException($"--candles {settings.MaxCandles}: use at least 100 (the features warm up on 49 and windows need 32 more)");
            return await RunAsync(settings, ct);
        });
        return command;
    }

    private static async Task<int> RunAsync(DemoSettings settings, CancellationToken ct)
    {
        // One libtorch thread from the start: training with more and then serving with one left the demo's inference slow.
        Fibo.Actors.Domain.Prediction.TorchRuntime.EnsureInitialized();
        var series = LoadSamples(settings);
        Directory.CreateDirectory(settings.OutDirectory);
        // Every run trades the replay from scratch: last run's candles and ledger would make this one all duplicates.
        if (Directory.Exists(settings.DataDirectory)) Directory.Delete(settings.DataDirectory, recursive: true);
        Directory.CreateDirectory(settings.DataDirectory);
        CliConsole.Error.MarkupLineInterpolated($"fibo demo: {series.Count} series, {series.Sum(s => s.Candles.Count):N0} candles from {settings.SampleDirectory}; output in {settings.OutDirectory}");

        var training = series.FirstOrDefault(s => s.Key.ToString() == DemoSettings.TrainingSeries);
        var model = await DemoModel.EnsureAsync(settings, training.Candles ?? series[0].Candles, ct);

        var options = NodeOptions(settings);
        var app = NodeHost.Build(options, null, NodeHost.DefaultExtensions, Serilog.Events.LogEventLevel.Error);
        await app.StartAsync(ct);
        try
        {
            var dashboard = NodeHost.HttpUrl(app) + "/";
            var registry = app.Services.GetRequiredService<ActorRegistry>();
            var seriesRegion = await registry.GetAsync<SeriesRegion>(ct);
            var executors = await registry.GetAsync<OrderExecutorRegion>(ct);
            var metrics = app.Services.GetRequiredService<PipelineMetrics>();
            var kafka = app.Services.GetRequiredService<KafkaEndpoint>();
            CliConsole.Error.MarkupLineInterpolated($"node up: Kafka (embedded) at {kafka.BootstrapServers}, dashboard {dashboard}; replaying…");

            var watch = new DemoWatch(seriesRegion, metrics, series);
            var clock = Stopwatch.StartNew();
            var producer = new CandleKafkaProducer(kafka.BootstrapServers, options.Kafka.Topic);
            var market = HistoryReplay.Market(series);
            var publishing = Task.Run(() => HistoryReplay.PublishAsync(producer, market, settings.Speed,
                new Progress<ReplayProgress>(p => watch.Published(p.Published)), ct), ct);
            try
            {
                await watch.WaitAsync(publishing, TimeSpan.FromMinutes(10), ct);
                watch.Published(await publishing);
            }
            finally
            {
                producer.Dispose();
            }
            var elapsed = clock.Elapsed;

            var ledger = await executors.Ask<LedgerSnapshot>(new GetLedger(DemoSettings.Account), TimeSpan.FromSeconds(30), ct);
            var csv = await executors.Ask<LedgerCsvText>(new GetLedgerCsv(DemoSettings.Account), TimeSpan.FromSeconds(30), ct);
            await File.WriteAllTextAsync(settings.LedgerCsv, csv.Csv, ct);
            var plots = new List<string>();
            foreach (var (key, candles) in series)
            {
                var path = Path.Combine(settings.PlotsDirectory, $"{key}.png");
                SeriesTradesPlot.SavePng(path, key, candles, ledger);
                plots.Add(path);
            }
            var summary = DemoSummary.Build(model, settings, series, await watch.StatusesAsync(), ledger, metrics, elapsed, plots, dashboard);
            if (settings.Json) CliConsole.WriteJson(summary);
            else summary.Print();
            Console.Out.Flush();
            // Akka prints its last shutdown lines on stdout once its loggers have stopped: stdout is the summary's alone.
            Console.SetOut(Console.Error);

            if (settings.Follow)
            {
                CliConsole.Error.MarkupLineInterpolated($"following: the node and its dashboard ({dashboard}) stay up; press Ctrl+C to stop");
                try
                {
                    await Task.Delay(Timeout.Infinite, ct);
                }
                catch (OperationCanceledException)
                {
                    // Ctrl+C ends --follow.
                }
            }
            return 0;
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
        }
    }

    private static List<(SeriesKey Key, IReadOnlyList<Candle> Candles)> LoadSamples(DemoSettings settings)
    {
        if (!Directory.Exists(settings.SampleDirectory))
            throw new InputException($"{settings.SampleDirectory}: no such folder; the bundled candles are in the repository's data/sample (pass --data DIR)");
        var files = Directory.GetFiles(settings.SampleDirectory, "*.csv").Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0) throw new InputException($"{settings.SampleDirectory}: no candle files (*.csv)");
        var series = HistoryReplay.LoadAsync(files, null).GetAwaiter().GetResult();
        return series.Select(s => (s.Series, settings.MaxCandles is { } n ? (IReadOnlyList<Candle>)s.Candles.Take(n).ToList() : s.Candles)).ToList();
    }

    private static FiboOptions NodeOptions(DemoSettings settings)
    {
        var o = new FiboOptions();
        o.Node.Port = 0;
        o.Http.Port = PortIsFree(settings.HttpPort) ? settings.HttpPort : 0;
        o.Persistence.ConnectionString = $"Data Source={settings.JournalDb}";
        o.Persistence.SnapshotConnectionString = $"Data Source={Path.Combine(settings.DataDirectory, "fibo-snapshots.db")}";
        o.Store.ConnectionString = $"Data Source={settings.CandleDb}";
        o.Store.DeadLetterConnectionString = $"Data Source={Path.Combine(settings.DataDirectory, "fibo-dead-letters.db")}";
        o.Models.Directory = settings.ModelsDirectory;
        o.Kafka.BootstrapServers = KafkaOptions.Embedded;
        o.Kafka.MaxInFlight = 512;
        o.Trading.Accounts = [new AccountOptions { Id = DemoSettings.Account }];
        o.Trading.DecisionClock = DecisionClock.Candle; // history is decided by its own clock, as in a backtest
        o.Logging.Level = "Information"; // to the log file; the terminal shows errors only, next to the progress
        o.Logging.File = settings.LogFile;
        var errors = FiboOptionsValidator.Validate(o);
        if (errors.Count > 0) throw new InputException("demo configuration: " + string.Join("; ", errors));
        return o;
    }

    private static bool PortIsFree(int port)
    {
        if (port == 0) return true;
        try
        {
            var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
