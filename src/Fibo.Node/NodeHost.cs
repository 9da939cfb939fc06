using Akka.Hosting;
using Fibo.Actors.Domain.Prediction;
using Fibo.Actors.Hosting;
using Fibo.Actors.Hosting.Options;
using Fibo.Node.Logging;
using Serilog;

namespace Fibo.Node;

/// <summary>
/// What another part of the node adds to it: services, Akka wiring and HTTP endpoints (e.g. the inspection API and the
/// dashboard: <c>new NodeHostExtensions(Services: (s, o) =&gt; s.AddFiboHttp(o), Akka: (b, _) =&gt; b.WithFiboHealthChecks(),
/// MapEndpoints: app =&gt; app.MapFiboHttp())</c>).
/// </summary>
public sealed record NodeHostExtensions(
    Action<IServiceCollection, FiboOptions>? Services = null,
    Action<AkkaConfigurationBuilder, FiboOptions>? Akka = null,
    Action<WebApplication>? MapEndpoints = null);

/// <summary>
/// The node process: a WebApplication (Kestrel on <c>Fibo:Http</c>) with Serilog, and the actor system named
/// <c>Fibo:Node:ActorSystemName</c> composed of <see cref="FiboNodeHosting.WithFiboNode"/> (serialization, logging,
/// dispatchers, cluster, persistence) and <see cref="PipelineHosting.WithFiboPipeline"/> (writer, predictor, series and
/// executor regions, Kafka ingest, by role), plus the live feed and broker of <see cref="BinanceHosting.AddFiboLive"/>
/// when <c>Fibo:Feed</c> or an account's broker asks for Binance. <c>fibo run</c>, <c>fibo demo</c> and the tests build nodes here.
/// </summary>
public static class NodeHost
{
    /// <summary>
    /// What every node this process starts gets on top of the pipeline (<c>fibo run</c>, <c>fibo demo</c>): the place where
    /// the HTTP inspection API and the dashboard plug in their services, Akka wiring and endpoints.
    /// </summary>
    public static NodeHostExtensions DefaultExtensions { get; set; } = Http.FiboHttpHosting.NodeExtensions;

    /// <summary>Builds (does not start) a node from command-line configuration: appsettings.json, environment, then <paramref name="args"/>.</summary>
    public static WebApplication Build(string[] args, Action<WebApplication>? mapEndpoints = null)
    {
        var configuration = FiboConfiguration.Build(args);
        var extensions = DefaultExtensions;
        if (mapEndpoints is not null)
            extensions = extensions with { MapEndpoints = app => { DefaultExtensions.MapEndpoints?.Invoke(app); mapEndpoints(app); } };
        return Build(FiboOptionsLoader.Load(configuration), configuration, extensions);
    }

    /// <summary>Builds (does not start) a node from loaded options; <paramref name="configuration"/> feeds Serilog's settings.</summary>
    /// <param name="consoleLogLevel">A stricter level for console logging only (the demo keeps its terminal for progress).</param>
    public static WebApplication Build(FiboOptions options, IConfiguration? configuration = null, NodeHostExtensions? extensions = null,
        Serilog.Events.LogEventLevel? consoleLogLevel = null)
    {
        // One intra-op thread before anything touches libtorch (batch inference scales with batching, not threads).
        if (options.Node.EffectiveRoles.Contains(FiboRoles.Compute)) TorchRuntime.EnsureInitialized();

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = Directory.GetCurrentDirectory() });
        if (configuration is not null) builder.Configuration.AddConfiguration(configuration);
        var logger = FiboLogging.Create(configuration ?? LoggingConfiguration(options), consoleLevel: consoleLogLevel);
        Log.Logger = logger; // Akka's Serilog logger writes through the static logger
        builder.Logging.ClearProviders();
        builder.Services.AddSerilog(logger);
        builder.WebHost.UseUrls($"http://{options.Http.Host}:{options.Http.Port}");

        builder.Services.AddFiboPipeline(options);
        builder.Services.AddFiboLive(options);
        extensions?.Services?.Invoke(builder.Services, options);
        builder.Services.AddAkka(options.Node.ActorSystemName, (akka, _) =>
        {
            akka.WithFiboNode(options).WithFiboPipeline(options);
            extensions?.Akka?.Invoke(akka, options);
        });

        var app = builder.Build();
        extensions?.MapEndpoints?.Invoke(app);
        return app;
    }

    /// <summary>The HTTP address the started node listens on (Kestrel resolves port 0 to a free port).</summary>
    public static string HttpUrl(WebApplication app) => app.Urls.FirstOrDefault()?.TrimEnd('/') ?? "(not listening)";

    private static IConfiguration LoggingConfiguration(FiboOptions options) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Fibo:Logging:Level"] = options.Logging.Level,
            ["Fibo:Logging:File"] = options.Logging.File,
        }).Build();
}
