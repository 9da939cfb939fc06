using Akka;
using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Hosting;
using Fibo.Actors.Actors.Common;
using Fibo.Actors.Actors.Ingest;
using Fibo.Actors.Actors.MarketData;
using Fibo.Actors.Actors.Prediction;
using Fibo.Actors.Actors.Trading;
using Fibo.Actors.Hosting.Options;
using Fibo.Actors.Infrastructure.DeadLetters;
using Fibo.Actors.Infrastructure.Kafka;
using Fibo.Actors.Infrastructure.MarketData;
using Fibo.Actors.Infrastructure.Models;
using Fibo.Actors.Infrastructure.Trading;
using Fibo.Messages.MarketData;
using Fibo.Messages.Primitives;
using Fibo.Messages.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Fibo.Actors.Hosting;

/// <summary>
/// The pipeline's wiring, by role: compute hosts the batching candle writer, the predictor and the <c>candle-series</c>
/// entities; trading hosts the <c>order-executor</c> entities; ingest runs the Kafka stream into the series region. A node
/// without a role gets a proxy of that role's region, so the same code runs as a cluster of one or spread over nodes.
/// </summary>
public static class PipelineHosting
{
    /// <summary>
    /// The services the pipeline's actors use, from <paramref name="options"/>: the candle store, the dead-letter store,
    /// node metrics, the broker factories (paper; others add theirs with <c>TryAddEnumerable</c>) and the model source.
    /// Registrations made before this call win (tests swap in their own store or broker factory).
    /// </summary>
    public static IServiceCollection AddFiboPipeline(this IServiceCollection services, FiboOptions options)
    {
        services.TryAddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PipelineMetrics>();
        services.TryAddSingleton<ICandleStore>(_ => CandleStores.Open(options.Store.ConnectionString));
        services.TryAddSingleton(_ => DeadLetterStores.Open(options.Store.DeadLetterConnectionString));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IBrokerFactory, PaperBrokerFactory>());
        services.TryAddSingleton(sp => new BrokerResolver(sp.GetServices<IBrokerFactory>(), options.Trading));
        services.TryAddSingleton<IForecastSource>(_ => options.Pipeline.Forecaster == ForecasterKind.Lstm
            ? new RegistryForecastSource(new ModelRegistry(options.Models.Directory))
            : new PersistenceForecastSource(options.Pipeline.PersistenceSeqLen));
        if (options.Node.EffectiveRoles.Contains(FiboRoles.Ingest) && services.All(s => s.ServiceType != typeof(KafkaEndpoint)))
            services.AddFiboKafka(options);
        return services;
    }

    /// <summary>Every pipeline actor this node's roles call for (see the class summary). Needs <see cref="AddFiboPipeline"/>.</summary>
    public static AkkaConfigurationBuilder WithFiboPipeline(this AkkaConfigurationBuilder builder, FiboOptions options)
    {
        var roles = options.Node.EffectiveRoles;
        if (roles.Contains(FiboRoles.Compute)) builder.WithCandleWriter(options).WithPredictor(options);
        builder.WithOrderExecutors(options).WithSeriesEntities(options);
        if (roles.Contains(FiboRoles.Ingest)) builder.WithCandleIngest(options);
        return builder;
    }

    /// <summary>The node's batching writer into the candle store (<see cref="CandleWriterActor"/>), key <see cref="CandleWriter"/>.</summary>
    public static AkkaConfigurationBuilder WithCandleWriter(this AkkaConfigurationBuilder builder, FiboOptions options) =>
        builder.WithActors((system, registry, resolver) =>
        {
            var store = resolver.GetService<ICandleStore>();
            var metrics = resolver.GetService<PipelineMetrics>();
            var max = options.Pipeline.WriteBatchMaxRows;
            registry.Register<CandleWriter>(system.ActorOf(Props.Create(() => new CandleWriterActor(store, metrics, max)), "candle-writer"));
        });

    /// <summary>The node's predictor on the inference dispatcher (<see cref="PredictorActor"/>), key <see cref="Predictor"/>.</summary>
    public static AkkaConfigurationBuilder WithPredictor(this AkkaConfigurationBuilder builder, FiboOptions options) =>
        builder.WithActors((system, registry, resolver) =>
        {
            var source = resolver.GetService<IForecastSource>();
            var metrics = resolver.GetService<PipelineMetrics>();
            var p = options.Pipeline;
            var props = Props.Create(() => new PredictorActor(source, metrics, p.PredictBatchMax, TimeSpan.FromMilliseconds(p.PredictBatchWaitMs),
                    TimeSpan.FromMilliseconds(p.ModelPollMs)))
                .WithDispatcher(DispatcherHosting.InferenceDispatcher);
            registry.Register<Predictor>(system.ActorOf(props, "predictor"));
        });

    /// <summary>
    /// The <c>candle-series</c> region (compute role; no idle passivation, remember-entities off), each entity a
    /// <see cref="SeriesActor"/> restarted with backoff by a <see cref="BackoffEntityActor"/>; a proxy elsewhere.
    /// </summary>
    public static AkkaConfigurationBuilder WithSeriesEntities(this AkkaConfigurationBuilder builder, FiboOptions options)
    {
        if (!options.Node.EffectiveRoles.Contains(FiboRoles.Compute))
            return builder.WithShardRegionProxy<SeriesRegion>(SeriesMessageExtractor.TypeName, FiboRoles.Compute, new SeriesMessageExtractor());

        return builder.WithShardRegion<SeriesRegion>(SeriesMessageExtractor.TypeName, (system, registry, resolver) =>
        {
            var deps = new SeriesDependencies(
                resolver.GetService<ICandleStore>(),
                registry.Get<CandleWriter>(),
                registry.Get<Predictor>(),
                () => registry.Get<OrderExecutorRegion>(),
                resolver.GetService<IServiceProvider>().GetService<ICandleHistorySource>(),
                resolver.GetService<PipelineMetrics>(),
                resolver.GetService<TimeProvider>());
            var t = options.Trading;
            var p = options.Pipeline;
            var policy = t.PolicyOptions();
            return id =>
            {
                var series = SeriesKey.Parse(id);
                var settings = new SeriesActorSettings(t.AccountFor(id), policy, t.DecisionClock, p.WarmupCandles, p.MaxPendingDecisions,
                    TimeSpan.FromMilliseconds(t.ExecutorAskTimeoutMs), TimeSpan.FromMilliseconds(p.PredictTimeoutMs),
                    RedecideCandles: p.MaxPendingDecisions + p.IngestBatchMax);
                var entity = new BackoffEntitySettings(
                    $"series {id}",
                    _ => Props.Create(() => new SeriesActor(series, settings, deps)),
                    TimeSpan.FromMilliseconds(p.EntityBackoffMinMs),
                    TimeSpan.FromMilliseconds(p.EntityBackoffMaxMs),
                    (message, reason) => message is GetSeriesStatus
                        ? new SeriesStatus(series, null, 0, 0, 0, State: $"restarting: {reason}")
                        : null);
                return Props.Create(() => new BackoffEntityActor(entity));
            };
        }, new SeriesMessageExtractor(), FiboSharding.Options(FiboRoles.Compute, passivateIdle: false));
    }

    /// <summary>
    /// The <c>order-executor</c> region (trading role; idle executors passivate and recover from the journal), each entity
    /// an <see cref="OrderExecutorActor"/> under a <see cref="BackoffEntityActor"/> that refuses intents while it is down;
    /// a proxy elsewhere.
    /// </summary>
    public static AkkaConfigurationBuilder WithOrderExecutors(this AkkaConfigurationBuilder builder, FiboOptions options)
    {
        if (!options.Node.EffectiveRoles.Contains(FiboRoles.Trading))
            return builder.WithShardRegionProxy<OrderExecutorRegion>(AccountMessageExtractor.TypeName, FiboRoles.Trading, new AccountMessageExtractor());

        return builder.WithShardRegion<OrderExecutorRegion>(AccountMessageExtractor.TypeName, (system, registry, resolver) =>
        {
            var brokers = resolver.GetService<BrokerResolver>();
            var clock = resolver.GetService<TimeProvider>();
            var t = options.Trading;
            var settings = new ExecutorSettings(t, t.SnapshotEvery, TimeSpan.FromMilliseconds(t.ReconcileRetryMs));
            var p = options.Pipeline;
            return account =>
            {
                var entity = new BackoffEntitySettings(
                    $"executor {account}",
                    incarnation => Props.Create(() => new OrderExecutorActor(account, incarnation, settings, brokers, () => registry.Get<SeriesRegion>(), clock)),
                    TimeSpan.FromMilliseconds(p.EntityBackoffMinMs),
                    TimeSpan.FromMilliseconds(p.EntityBackoffMaxMs),
                    (message, reason) => OrderExecutorActor.AnswerWhileDown(account, message, reason),
                    10_000);
                return Props.Create(() => new BackoffEntityActor(entity));
            };
        }, new AccountMessageExtractor(), FiboSharding.Options(FiboRoles.Trading));
    }

    /// <summary>
    /// The Kafka ingest (<see cref="CandleIngestActor"/>) into the series region, key <see cref="CandleIngest"/>. It is
    /// stopped gracefully first when the node shuts down (in-flight acks land, acked offsets are committed) so the next
    /// start resumes exactly where this one stopped.
    /// </summary>
    public static AkkaConfigurationBuilder WithCandleIngest(this AkkaConfigurationBuilder builder, FiboOptions options) =>
        builder.WithActors((system, registry, resolver) =>
        {
            var endpoint = resolver.GetService<KafkaEndpoint>();
            var deadLetters = resolver.GetService<IDeadLetterStore>();
            var target = registry.Get<SeriesRegion>();
            var ingest = system.ActorOf(Props.Create(() => new CandleIngestActor(options.Kafka, options.Pipeline, () => endpoint.BootstrapServers, target, deadLetters)),
                "candle-ingest");
            registry.Register<CandleIngest>(ingest);
            CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseServiceUnbind, "stop-candle-ingest", async () =>
            {
                try
                {
                    await ingest.Ask<IngestStopped>(StopIngest.Instance, TimeSpan.FromSeconds(20));
                }
                catch (Exception e) when (e is AskTimeoutException or ActorNotFoundException or TaskCanceledException)
                {
                    // Best effort: offsets not committed now are consumed again on the next start (and deduplicated).
                }
                return Done.Instance;
            });
        });
}
