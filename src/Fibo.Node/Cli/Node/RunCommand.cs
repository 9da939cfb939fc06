using System.CommandLine;
using Akka.Actor;
using Akka.Cluster;
using Fibo.Actors.Hosting.Options;
using Fibo.Actors.Infrastructure.Kafka;
using Spectre.Console;

namespace Fibo.Node.Cli.Node;

/// <summary>
/// <c>fibo run</c>: a node from configuration (appsettings.json, environment, then <c>--Fibo:Section:Key=value</c>
/// overrides on the command line) until Ctrl+C. Its feed is Kafka, from whatever publishes to the candle topic: with
/// <c>Fibo:Feed:Source=Binance</c> the node's own kline WebSocket feed (docs/binance.md); with <c>--replay FILE</c> or
/// <c>--db DB</c> it also publishes that history (decisions then use the candles' own clock).
/// </summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var replay = new ReplayOptions("--replay");
        var command = new Command("run", "Run a Fibo node from configuration until Ctrl+C (Kafka ingest, series entities, predictor, order executor); " +
                                         "configuration overrides go on the command line as --Fibo:Section:Key=value")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        replay.AddTo(command);
        CliAction.Set(command, async (parse, ct) =>
        {
            var overrides = parse.UnmatchedTokens.ToArray();
            foreach (var t in overrides.Where(t => t.StartsWith('-') && !t.Contains(':')))
                throw new Fibo.Actors.Domain.InputException($"unknown option {t}: fibo run takes --replay, --db, --series, --speed and configuration overrides --Fibo:Section:Key=value");
            var configuration = FiboConfiguration.Build(overrides);
            var options = FiboOptionsLoader.Load(configuration);
            var replaying = replay.Requested(parse);
            // History is old by the wall clock: replayed candles are decided by their own time unless configured otherwise.
            if (replaying && configuration["Fibo:Trading:DecisionClock"] is null) options.Trading.DecisionClock = DecisionClock.Candle;
            var market = replaying ? await replay.LoadMarketAsync(parse, ct) : null;

            var app = NodeHost.Build(options, configuration, NodeHost.DefaultExtensions);
            await app.StartAsync(ct);
            try
            {
                var system = app.Services.GetRequiredService<ActorSystem>();
                var kafka = app.Services.GetService<KafkaEndpoint>();
                var info = new
                {
                    akka = Cluster.Get(system).SelfAddress.ToString(),
                    roles = options.Node.EffectiveRoles,
                    http = NodeHost.HttpUrl(app),
                    kafka = kafka?.BootstrapServers,
                    kafkaEmbedded = kafka?.IsEmbedded ?? false,
                    topic = options.Kafka.Topic,
                    candleStore = options.Store.ConnectionString,
                    journal = options.Persistence.Provider == PersistenceProvider.Postgres ? "PostgreSQL" : options.Persistence.ConnectionString,
                    models = Path.GetFullPath(options.Models.Directory),
                    decisionClock = options.Trading.DecisionClock.ToString(),
                    feed = options.Feed.Source == FeedSource.None ? null : new
                    {
                        source = options.Feed.Source.ToString(),
                        series = options.Feed.EffectiveSeries(options.Trading).Select(k => k.ToString()).ToArray(),
                        streamBaseUrl = options.Binance.StreamBaseUrl,
                        restBaseUrl = options.Binance.RestBaseUrl,
                    },
                    accounts = options.Trading.EffectiveAccounts.Select(a => new { id = a.Id, broker = a.Broker }).ToArray(),
                };
                if (parse.GetValue(CliOptions.Json)) CliConsole.WriteJson(info);
                else
                {
                    CliConsole.Out.MarkupLineInterpolated($"[green]fibo node up[/]: {info.akka} ({string.Join(", ", info.roles)})");
                    CliConsole.Out.WriteLine($"  http        {info.http}");
                    if (kafka is not null)
                        CliConsole.Out.WriteLine($"  kafka       {kafka.BootstrapServers}{(kafka.IsEmbedded ? " (embedded: point 'fibo replay --bootstrap' here)" : "")}, topic {options.Kafka.Topic}");
                    CliConsole.Out.WriteLine($"  candles     {info.candleStore}");
                    CliConsole.Out.WriteLine($"  journal     {info.journal}");
                    CliConsole.Out.WriteLine($"  models      {info.models}");
                    if (info.feed is { } feed)
                        CliConsole.Out.WriteLine($"  feed        {feed.source} {string.Join(", ", feed.series)} ({feed.streamBaseUrl}, REST {feed.restBaseUrl})");
                    CliConsole.Out.WriteLine($"  accounts    {string.Join(", ", info.accounts.Select(a => $"{a.id} ({a.broker})"))}");
                }
                Console.Out.Flush();
                // Akka prints its last shutdown lines on stdout once its loggers have stopped: keep stdout for the node's info.
                Console.SetOut(Console.Error);
                if (market is not null)
                {
                    if (kafka is null) throw new Fibo.Actors.Domain.InputException("--replay needs the ingest role on this node (it publishes through the node's Kafka)");
                    await ReplayOptions.PublishAsync(kafka.BootstrapServers, options.Kafka.Topic, market, parse.GetValue(replay.Speed), ct);
                }
                CliConsole.Error.MarkupLine("running; press Ctrl+C to stop");
                // Ctrl+C stops the node; so does its actor system terminating (it left the cluster with 'fibo cluster leave',
                // or the split-brain resolver downed it): Akka.Hosting then stops the application.
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct, app.Lifetime.ApplicationStopping);
                try
                {
                    await Task.Delay(Timeout.Infinite, stop.Token);
                }
                catch (OperationCanceledException)
                {
                    if (!ct.IsCancellationRequested) CliConsole.Error.MarkupLine("the node's actor system stopped (it left the cluster or was downed)");
                }
                return 0;
            }
            finally
            {
                CliConsole.Error.MarkupLine("stopping the node (committing Kafka offsets, journaling, closing stores)");
                await app.StopAsync(CancellationToken.None);
                await app.DisposeAsync();
            }
        });
        return command;
    }
}
