using System.Text.Json;
using System.Text.Json.Serialization;
using Akka.Cluster.Hosting;
using Akka.Hosting;
using Fibo.Actors.Hosting.Options;
using Fibo.Node.Http.ActorTree;
using Fibo.Node.Http.Clustering;
using Fibo.Node.Http.Dashboard;
using Fibo.Node.Http.Jobs;
using Fibo.Node.Http.MarketData;
using Fibo.Node.Http.Registry;
using Fibo.Node.Http.Sharding;
using Fibo.Node.Http.Trading;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Fibo.Node.Http;

/// <summary>
/// The node's HTTP side: the JSON inspection API under <c>/api</c> (what the pbm-style CLI verbs call), the health
/// endpoints and the dashboard at <c>/</c>. A node host calls <see cref="AddFiboHttp"/> on its services,
/// <see cref="WithFiboHealthChecks"/> on its Akka builder and <see cref="MapFiboHttp"/> on the built app.
/// </summary>
public static class FiboHttpHosting
{
    public const string LiveTag = "live";

    /// <summary>What <see cref="NodeHost"/> adds for the HTTP side: <c>NodeHost.Build(options, configuration, FiboHttpHosting.NodeExtensions)</c>.</summary>
    public static readonly NodeHostExtensions NodeExtensions = new(
        Services: (services, options) => services.AddFiboHttp(options),
        Akka: (akka, _) => akka.WithFiboHealthChecks(),
        MapEndpoints: app => app.MapFiboHttp());

    public const string ReadyTag = "ready";

    /// <summary>The services the endpoints use. <paramref name="options"/> is registered unless the host already did.</summary>
    public static IServiceCollection AddFiboHttp(this IServiceCollection services, FiboOptions options)
    {
        services.TryAddSingleton(options);
        services.AddHealthChecks();
        services.Configure<JsonOptions>(o => Configure(o.SerializerOptions));
        // Bind failures (a query value that is not a number, a malformed body) become exceptions, so they get our JSON error.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddSingleton<ClusterInspector>();
        services.AddSingleton<ShardingInspector>();
        services.AddSingleton<ActorTreeWalker>();
        services.AddSingleton<NodeCandleStore>();
        services.AddSingleton<SeriesInspector>();
        services.AddSingleton<ModelCatalog>();
        services.AddSingleton<ComputeGate>();
        services.AddSingleton<TrainingJobs>();
        services.AddSingleton<BacktestRunner>();
        services.AddSingleton<AuditRunner>();
        services.AddSingleton<LedgerInspector>();
        return services;
    }

    /// <summary>
    /// Liveness (the actor system runs) and readiness (this node is Up in the cluster), served at <c>/health/live</c>
    /// and <c>/health/ready</c>.
    /// </summary>
    public static AkkaConfigurationBuilder WithFiboHealthChecks(this AkkaConfigurationBuilder builder) =>
        builder
            .WithActorSystemLivenessCheck(tags: [LiveTag])
            .WithAkkaClusterReadinessCheck(tags: [ReadyTag]);

    /// <summary>Maps the API, the health endpoints and the dashboard.</summary>
    public static WebApplication MapFiboHttp(this WebApplication app)
    {
        app.UseFiboApiErrors();
        var api = app.MapGroup("/api");
        ClusterEndpoints.Map(api);
        ShardingEndpoints.Map(api);
        ActorEndpoints.Map(api);
        SeriesEndpoints.Map(api);
        ModelEndpoints.Map(api);
        JobEndpoints.Map(api);
        LedgerEndpoints.Map(api);
        api.MapFallback(context => ApiErrors.WriteAsync(context, StatusCodes.Status404NotFound,
            $"no API endpoint {context.Request.Method} {context.Request.Path}; see the README's 'Dashboard and inspection' section"));
        app.MapHealthChecks("/health/live", Health(LiveTag));
        app.MapHealthChecks("/health/ready", Health(ReadyTag));
        DashboardEndpoints.Map(app);
        return app;
    }

    /// <summary>The JSON the API writes and the CLI reads: camelCase, enums as names, NaN allowed (a diverged loss).</summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions o)
    {
        o.Converters.Add(new JsonStringEnumConverter());
        o.NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals;
        return o;
    }

    private static HealthCheckOptions Health(string tag) => new()
    {
        Predicate = check => check.Tags.Contains(tag),
        ResponseWriter = async (context, report) =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsJsonAsync(new
            {
                status = report.Status.ToString(),
                checks = report.Entries.Select(e => new { name = e.Key, status = e.Value.Status.ToString(), description = e.Value.Description }),
            });
        },
        ResultStatusCodes =
        {
            [HealthStatus.Healthy] = StatusCodes.Status200OK,
            [HealthStatus.Degraded] = StatusCodes.Status200OK,
            [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
        },
    };
}
