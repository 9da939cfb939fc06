using System.Net.Http.Json;
using System.Text.Json;
using Akka.Actor;
using Akka.Hosting;
using Fibo.Actors.Hosting;
using Fibo.Actors.Hosting.Options;
using Fibo.Node.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fibo.Node.Tests.Support;

/// <summary>
/// A real node in the test process: the production Akka wiring (<see cref="FiboNodeHosting.WithFiboNode"/>, a cluster
/// of one unless seed nodes are given) plus the HTTP API and dashboard (<see cref="FiboHttpHosting"/>) on Kestrel, both
/// on free ports, with its candle store and model registry in a private temp folder.
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
    /// Starts a node. The store (<c>candles.db</c>) and registry (<c>models/</c>) live in <paramref name="folder"/>
    /// (a fresh temp folder, deleted with the node, when null).
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
        options.Models.Directory = Path.Combine(root, "models");
        configure?.Invoke(options);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = root, Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddFiboHttp(options);
        builder.Services.AddAkka(options.Node.ActorSystemName, (b, _) =>
        {
            b.WithFiboNode(options, typeof(TestNode).Assembly).WithFiboHealthChecks();
            akka?.Invoke(b);
        });
        var app = builder.Build();
        app.MapFiboHttp();
        await app.StartAsync();
        var node = new TestNode(app, options, owned);
        if (waitUntilReady) await node.WaitUntilReadyAsync();
        return node;
    }

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
