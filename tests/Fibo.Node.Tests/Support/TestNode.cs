using System.Net.Http.Json;
using System.Text.Json;
using Akka.Actor;
using Akka.Hosting;
using Fibo.Actors.Hosting;
using Fibo.Actors.Hosting.Options;
using Fibo.Node.Http;
using Fibo.Messages.MarketData;
using Fibo.Messages.Primitives;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Fibo.Node.Tests.Support;

/// <summary>
/// A real node in the test process, built by the production <see cref="NodeHost"/> (a cluster of one unless seed nodes
/// are given) with the HTTP API and dashboard on Kestrel, all on free ports, its candle store and model registry in a
/// temp folder.
/// </summary>
public sealed class TestNode : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TempFolder? _ownedFolder;

    private TestNode(WebApplication app, FiboOptions options, TempFolder? ownedFolder)
    {
        _app = app;
        _ownedFolder = ownedFolder;
        Options = options;
        BaseUrl = app.Urls.First().TrimEnd('/');
        Http = new HttpClient { BaseAddress = new Uri(BaseUrl + "/"), Timeout = TimeSpan.FromSeconds(60) };
    }

    public FiboOptions Options { get; }

    /// <summary>http://127.0.0.1:port</summary>
    public string BaseUrl { get; }

    /// <summary>host:port, as the CLI takes it first (pbm style).</summary>
    public string HttpAddress => new Uri(BaseUrl).Authority;

    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    public ActorSystem System => _app.Services.GetRequiredService<ActorSystem>();

    public string AkkaAddress => Akka.Cluster.Cluster.Get(System).SelfAddress.ToString();

    /// <summary>
    /// Starts a node as <c>fibo run</c> builds it (<see cref="NodeHost"/> with <see cref="FiboHttpHosting.NodeExtensions"/>:
    /// cluster, pipeline by role with the embedded Kafka, HTTP API and dashboard). The store (<c>candles.db</c>) and
    /// registry (<c>models/</c>) live in <paramref name="folder"/> (a fresh temp folder, deleted with the node, when null);
    /// the journal is in memory.
    /// </summary>
    public static async Task<TestNode> StartAsync(Action<FiboOptions>? configure = null, Action<AkkaConfigurationBuilder>? akka = null,
        string? folder = null, bool waitUntilReady = true)
    {
        var owned = folder is null ? new TempFolder("fibo-node") : null;
        var root = folder ?? owned!.Path;
        var options = new FiboOptions();
        options.Node.Port = 0;
        options.Http.Port = 0;
        options.Logging.Level = "Warning";
        options.Persistence.Provider = PersistenceProvider.InMemory;
        options.Store.ConnectionString = $"Data Source={Path.Combine(root, "candles.db")}";
        options.Store.DeadLetterConnectionString = $"Data Source={Path.Combine(root, $"dead-letters-{Guid.NewGuid():N}.db")}";
        options.Models.Directory = Path.Combine(root, "models");
        options.Kafka.SessionTimeoutMs = 2_000; // the mock cluster delays a rejoin by (session timeout - 1 s)
        options.Kafka.CommitIntervalMs = 100;
        options.Trading.DecisionClock = DecisionClock.Candle;
        options.Pipeline.ModelPollMs = 200;
        configure?.Invoke(options);

        var app = NodeHost.Build(options, null, FiboHttpHosting.NodeExtensions with
        {
            Akka = (builder, o) =>
            {
                FiboHttpHosting.NodeExtensions.Akka!(builder, o);
                akka?.Invoke(builder);
            },
        });
        await app.StartAsync();
        var node = new TestNode(app, options, owned);
        if (waitUntilReady) await node.WaitUntilReadyAsync();
        return node;
    }

    /// <summary>The node's <c>candle-series</c> region (a proxy on a node without the compute role).</summary>
    public IActorRef SeriesRegion => Services.GetRequiredService<ActorRegistry>().Get<SeriesRegion>();

    /// <summary>Wakes (or reads) a series entity through the region.</summary>
    public Task<SeriesStatus> SeriesStatusAsync(string series) =>
        SeriesRegion.Ask<SeriesStatus>(new GetSeriesStatus(SeriesKey.Parse(series)), TimeSpan.FromSeconds(20));

    /// <summary>Until <c>/health/ready</c> says the node is Up in the cluster.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            using var response = await Http.GetAsync("health/ready");
            if (response.IsSuccessStatusCode) return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"node {BaseUrl} not ready: {await response.Content.ReadAsStringAsync()}");
            await Task.Delay(100);
        }
    }

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await Http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public async Task<(int Status, JsonElement Body)> SendAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await _app.StopAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            // stopped already (a node that left the cluster shuts itself down)
        }
        await _app.DisposeAsync();
        _ownedFolder?.Dispose();
    }
}
