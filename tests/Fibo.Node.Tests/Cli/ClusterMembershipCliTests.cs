using System.Net;
using System.Net.Sockets;
using Akka.Configuration;
using Akka.Hosting;
using Fibo.Actors.Hosting;
using Fibo.Node.Tests.Support;

namespace Fibo.Node.Tests.Cli;

/// <summary>
/// Membership changes through the CLI on real clusters: a second node that crashes shows as unreachable and is
/// removed by <c>cluster down</c>; a node told to <c>cluster leave</c> leaves and shuts its actor system down.
/// </summary>
public sealed class ClusterMembershipCliTests
{
    // Fast failure detection, and a split-brain resolver that waits longer than the test: with two nodes keep-majority
    // would otherwise down one side by itself. A's shutdown after losing B otherwise waits the full default phase
    // timeouts (10 s) for shard hand-offs that cannot happen.
    private static readonly Config FastFailureDetection = ConfigurationFactory.ParseString("""
        akka.cluster.failure-detector.heartbeat-interval = 200ms
        akka.cluster.failure-detector.acceptable-heartbeat-pause = 1s
        akka.cluster.failure-detector.threshold = 8
        akka.cluster.split-brain-resolver.stable-after = 120s
        akka.coordinated-shutdown.phases.cluster-sharding-shutdown-region.timeout = 2s
        akka.coordinated-shutdown.phases.cluster-exiting.timeout = 2s
        """);

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [Fact]
    public async Task A_crashed_member_is_listed_unreachable_and_cluster_down_removes_it()
    {
        var port = FreePort();
        var seed = $"akka.tcp://fibo@127.0.0.1:{port}";
        await using var a = await TestNode.StartAsync(o => { o.Node.Port = port; o.Node.SeedNodes = [seed]; },
            b => b.AddHocon(FastFailureDetection, HoconAddMode.Prepend));
        // B hosts series entities only (compute); its actor system can be terminated without running coordinated
        // shutdown (whose first phases leave the cluster).
        await using var b = await TestNode.StartAsync(o => { o.Node.SeedNodes = [seed]; o.Node.Roles = [FiboRoles.Compute]; }, b =>
            b.AddHocon(FastFailureDetection.WithFallback(ConfigurationFactory.ParseString("akka.coordinated-shutdown.run-by-actor-system-terminate = off")), HoconAddMode.Prepend));
        await Eventually(async () => (await a.GetJsonAsync("api/cluster/members")).GetProperty("members").GetArrayLength() == 2
                                     && (await a.GetJsonAsync("api/cluster/members")).GetProperty("members").EnumerateArray().All(m => m.GetProperty("status").GetString() == "up"));

        var show = await FiboProcess.RunAsync(a.HttpAddress, "cluster", "show");
        Assert.True(show.ExitCode == 0, show.ToString());
        var lines = Lines(show.StdOut);
        Assert.Equal(2, lines.Length);
        Assert.Contains(lines, l => l.StartsWith(a.AkkaAddress + " |") && l.Contains("oldest,self") && l.EndsWith("| reachable"));
        Assert.Contains(lines, l => l.StartsWith(b.AkkaAddress + " | [compute] | up |"));

        // Series entities on both nodes' regions (once the coordinator knows both): region-stats prints one line per member.
        await Eventually(async () => (await a.GetJsonAsync("api/sharding/regions")).EnumerateArray()
            .Single(t => t.GetProperty("typeName").GetString() == "candle-series").GetProperty("regions").GetArrayLength() == 2);
        var keys = Enumerable.Range(0, 12).Select(i => $"S{i}_BTC-5m").ToList();
        foreach (var key in keys) await a.SeriesStatusAsync(key);
        var stats = await FiboProcess.RunAsync(a.HttpAddress, "cluster-sharding", "region-stats", "-r", "candle-series");
        Assert.True(stats.ExitCode == 0, stats.ToString());
        var statLines = Lines(stats.StdOut);
        Assert.Equal(new[] { a.AkkaAddress, b.AkkaAddress }.Order(StringComparer.Ordinal), statLines.Select(l => l.Split(" | ")[0]));
        Assert.Equal(12, statLines.Sum(l => int.Parse(l.Split(" | ")[5]["entities: ".Length..])));

        // B dies without leaving (no coordinated shutdown): A's failure detector marks it unreachable.
        var bAddress = b.AkkaAddress;
        await b.System.Terminate();
        await Eventually(async () => (await a.GetJsonAsync("api/cluster/members")).GetProperty("unreachable").GetArrayLength() == 1);
        var unreachable = await FiboProcess.RunAsync(a.HttpAddress, "cluster", "unreachable");
        Assert.True(unreachable.ExitCode == 0, unreachable.ToString());
        var line = Assert.Single(Lines(unreachable.StdOut));
        Assert.StartsWith(bAddress + " |", line);
        Assert.EndsWith("| unreachable", line);

        var down = await FiboProcess.RunAsync(a.HttpAddress, "cluster", "down", "-a", bAddress);
        Assert.True(down.ExitCode == 0, down.ToString());
        Assert.StartsWith($"{bAddress} | down | ", Assert.Single(Lines(down.StdOut)));
        await Eventually(async () => (await a.GetJsonAsync("api/cluster/members")).GetProperty("members").GetArrayLength() == 1);
        var after = await FiboProcess.RunAsync(a.HttpAddress, "cluster", "show");
        Assert.StartsWith(a.AkkaAddress + " |", Assert.Single(Lines(after.StdOut)));
    }

    [Fact]
    public async Task Cluster_leave_makes_the_node_leave_and_shut_down()
    {
        await using var node = await TestNode.StartAsync();
        var run = await FiboProcess.RunAsync(node.HttpAddress, "cluster", "leave");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith($"{node.AkkaAddress} | leave | ", Assert.Single(Lines(run.StdOut)));
        // Leaving ends with the member removed and the actor system terminated by coordinated shutdown.
        await node.System.WhenTerminated.WaitAsync(TimeSpan.FromSeconds(30));
    }

    private static async Task Eventually(Func<Task<bool>> condition, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("condition not met in time");
            await Task.Delay(200);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
