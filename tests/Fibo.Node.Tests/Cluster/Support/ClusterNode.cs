using System.Text.Json;
using Fibo.Node.Tests.Support;

namespace Fibo.Node.Tests.Cluster.Support;

/// <summary>One <c>fibo run</c> process of a test cluster: its Akka address, its HTTP address (for the CLI) and its output.</summary>
public sealed class ClusterNode : IAsyncDisposable
{
    private readonly FiboLiveProcess _process;

    private ClusterNode(string name, FiboLiveProcess process, string akkaAddress, string httpAddress, IReadOnlyList<string> roles)
    {
        Name = name;
        _process = process;
        AkkaAddress = akkaAddress;
        HttpAddress = httpAddress;
        Roles = roles;
        Http = new HttpClient { BaseAddress = new Uri($"http://{httpAddress}/"), Timeout = TimeSpan.FromSeconds(30) };
    }

    public string Name { get; }

    /// <summary>akka.tcp://fibo@127.0.0.1:port</summary>
    public string AkkaAddress { get; }

    /// <summary>host:port of the node's HTTP API (the CLI's first argument).</summary>
    public string HttpAddress { get; }

    public IReadOnlyList<string> Roles { get; }

    public HttpClient Http { get; }

    public bool HasExited => _process.HasExited;

    public string StdErr => _process.StdErr;

    /// <summary>Starts <c>fibo run</c> with <paramref name="args"/> (configuration overrides) and waits for its "node up" lines.</summary>
    public static async Task<ClusterNode> StartAsync(string name, string workingDirectory, IReadOnlyList<string> roles, IEnumerable<string> args)
    {
        Directory.CreateDirectory(workingDirectory);
        var process = FiboLiveProcess.Start(["run", .. args], workingDirectory);
        try
        {
            var up = await process.ReadLineAsync(TimeSpan.FromSeconds(120));
            if (!up.StartsWith("fibo node up: akka.tcp://", StringComparison.Ordinal))
            {
                await process.WaitForExitAsync(TimeSpan.FromSeconds(10));
                throw new InvalidOperationException($"{name} did not start: {up}\n{process.StdErr}");
            }
            var akka = up["fibo node up: ".Length..].Split(' ')[0];
            var http = await process.ReadLineAsync(TimeSpan.FromSeconds(30));
            Assert.StartsWith("http", http.Trim());
            var url = new Uri(http.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
            return new ClusterNode(name, process, akka, url.Authority, roles);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await Http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"{Name} GET {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Runs a CLI verb against this node, pbm style (<c>fibo HOST:PORT cluster show</c>).</summary>
    public Task<FiboRun> CliAsync(params string[] args) => FiboProcess.RunAsync([HttpAddress, .. args], timeout: TimeSpan.FromSeconds(60));

    /// <summary>SIGKILL: no coordinated shutdown, no leave, no commits.</summary>
    public Task KillAsync() => _process.KillAsync();

    public Task<bool> WaitForExitAsync(TimeSpan timeout) => _process.WaitForExitAsync(timeout);

    public int ExitCode => _process.ExitCode;

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _process.DisposeAsync();
    }
}
