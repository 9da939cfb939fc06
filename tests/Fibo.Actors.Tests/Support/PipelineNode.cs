using Akka.Actor;
using Akka.Hosting;
using Fibo.Actors.Actors.Common;
using Fibo.Actors.Actors.Ingest;
using Fibo.Actors.Actors.Prediction;
using Fibo.Actors.Hosting;
using Fibo.Actors.Hosting.Options;
using Fibo.Actors.Infrastructure.DeadLetters;
using Fibo.Actors.Infrastructure.MarketData;
using Fibo.Messages.MarketData;
using Fibo.Messages.Primitives;
using Fibo.Messages.Trading;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Fibo.Actors.Tests.Support;

/// <summary>
/// A whole pipeline node as production builds it (<c>WithFiboNode</c> + <c>AddFiboPipeline</c> + <c>WithFiboPipeline</c>):
/// a cluster of one on SQLite files in a test folder, consuming a <see cref="KafkaTestBed"/> topic. Disposing it stops
/// the host the way a node stops (coordinated shutdown: the ingest commits first).
/// </summary>
public sealed class PipelineNode : IAsyncDisposable
{
    public static readonly TimeSpan Ask = TimeSpan.FromSeconds(20);

    private readonly IHost _host;

    private PipelineNode(IHost host, FiboOptions options)
    {
        _host = host;
        Options = options;
    }

    public FiboOptions Options { get; }
    public IServiceProvider Services => _host.Services;
    public ActorSystem System => Services.GetRequiredService<ActorSystem>();
    public IActorRegistry Registry => Services.GetRequiredService<ActorRegistry>();
    public PipelineMetrics Metrics => Services.GetRequiredService<PipelineMetrics>();
    public ICandleStore Store => Services.GetRequiredService<ICandleStore>();
    public IDeadLetterStore DeadLetters => Services.GetRequiredService<IDeadLetterStore>();

    /// <summary>Options for a node whose files live in <paramref name="dir"/> and which consumes <paramref name="bed"/>'s topic.</summary>
    public static FiboOptions OptionsFor(TempDirectory dir, KafkaTestBed? bed, string group, Action<FiboOptions>? configure = null)
    {
        var o = FiboTestHost.Options();
        o.Persistence.ConnectionString = $"Data Source={dir.File("journal.db")}";
        o.Persistence.SnapshotConnectionString = $"Data Source={dir.File("snapshots.db")}";
        o.Store.ConnectionString = $"Data Source={dir.File("candles.db")}";
        o.Store.DeadLetterConnectionString = $"Data Source={dir.File("dead-letters.db")}";
        o.Models.Directory = dir.Combine("models");
        if (bed is not null)
        {
            o.Kafka.BootstrapServers = bed.Bootstrap;
            o.Kafka.Topic = bed.Topic;
        }
        o.Kafka.GroupId = group;
        o.Kafka.SessionTimeoutMs = 2_000; // the mock cluster delays a rejoin by (session timeout - 1 s)
        o.Kafka.CommitIntervalMs = 100;
        o.Kafka.MaxInFlight = 64;
        o.Trading.DecisionClock = DecisionClock.Candle;
        o.Pipeline.EntityBackoffMinMs = 50;
        o.Pipeline.EntityBackoffMaxMs = 1_000;
        o.Pipeline.IngestBackoffMinMs = 200;
        o.Pipeline.IngestBackoffMaxMs = 1_000;
        o.Pipeline.ModelPollMs = 200;
        configure?.Invoke(o);
        return o;
    }

    public static async Task<PipelineNode> StartAsync(FiboOptions options, Action<IServiceCollection>? services = null,
        Action<AkkaConfigurationBuilder>? akka = null)
    {
        var host = new HostBuilder()
            .ConfigureServices(s =>
            {
                services?.Invoke(s);
                s.AddFiboPipeline(options);
                s.AddAkka(options.Node.ActorSystemName, (builder, _) =>
                {
                    builder.WithFiboNode(options, typeof(PipelineNode).Assembly).WithFiboPipeline(options);
                    akka?.Invoke(builder);
                });
            })
            .Build();
        await host.StartAsync();
        return new PipelineNode(host, options);
    }

    public async Task<SeriesStatus> SeriesAsync(string series) =>
        await (await Registry.GetAsync<SeriesRegion>()).Ask<SeriesStatus>(new GetSeriesStatus(SeriesKey.Parse(series)), Ask);

    public async Task<LedgerSnapshot> LedgerAsync(string account) =>
        await (await Registry.GetAsync<OrderExecutorRegion>()).Ask<LedgerSnapshot>(new GetLedger(account), Ask);

    public async Task<ExecutorStatus> ExecutorAsync(string account) =>
        await (await Registry.GetAsync<OrderExecutorRegion>()).Ask<ExecutorStatus>(new GetExecutorStatus(account), Ask);

    public async Task<T> ExecutorAskAsync<T>(object message) => await (await Registry.GetAsync<OrderExecutorRegion>()).Ask<T>(message, Ask);

    public async Task<IngestStats> IngestAsync() => await (await Registry.GetAsync<CandleIngest>()).Ask<IngestStats>(GetIngestStats.Instance, Ask);

    public async Task<PredictorStats> PredictorAsync() => await (await Registry.GetAsync<Predictor>()).Ask<PredictorStats>(GetPredictorStats.Instance, Ask);

    /// <summary>Waits until every listed series has processed its last candle and decided everything it queued.</summary>
    public async Task WaitForSeriesAsync(IReadOnlyDictionary<string, long> lastOpenTimeBySeries, TimeSpan timeout)
    {
        var statuses = new Dictionary<string, SeriesStatus>();
        await Eventually.True(() =>
        {
            foreach (var (series, last) in lastOpenTimeBySeries)
            {
                var s = SeriesAsync(series).GetAwaiter().GetResult();
                statuses[series] = s;
                if (s.LastCandle?.OpenTime != last || s.PendingDecisions != 0) return false;
            }
            return true;
        }, timeout, () => string.Join("; ", statuses.Values.Select(s =>
            $"{s.Series}: last {s.LastCandle?.OpenTime} processed {s.CandlesProcessed} pending {s.PendingDecisions} state {s.State}")));
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(TimeSpan.FromSeconds(30));
        _host.Dispose();
    }
}
