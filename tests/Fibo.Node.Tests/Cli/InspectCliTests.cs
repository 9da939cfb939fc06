using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Fibo.Actors.Hosting;
using Fibo.Node.Tests.Support;

namespace Fibo.Node.Tests.Cli;

/// <summary>
/// The pbm-style inspection verbs through the real <c>fibo</c> executable against a real node started here (cluster of
/// one on free ports with the pipeline's regions, two live series entities, the sample store and a tiny model).
/// </summary>
public sealed class InspectCliTests(InspectCliTests.Node fixture) : IClassFixture<InspectCliTests.Node>
{
    public sealed class Node : IAsyncLifetime
    {
        public SampleNodeData Data { get; } = new();
        public TestNode Host { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Host = await TestNode.StartAsync(folder: Data.Folder);
            await Host.SeriesStatusAsync(SampleNodeData.Series);
            await Host.SeriesStatusAsync(SampleNodeData.OtherSeries);
        }

        public async Task DisposeAsync()
        {
            await Host.DisposeAsync();
            Data.Dispose();
        }
    }

    private const string SeriesType = "candle-series";

    private TestNode N => fixture.Host;

    private Task<FiboRun> Fibo(params string[] args) => FiboProcess.RunAsync([N.HttpAddress, .. args]);

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [Fact]
    public async Task Cluster_show_prints_one_pbm_line_per_member_and_json_on_request()
    {
        var run = await Fibo("cluster", "show");
        Assert.True(run.ExitCode == 0, run.ToString());
        var roles = "[" + string.Join(",", FiboRoles.All) + "]";
        // Akka.Hosting's app-version is the entry assembly's version (here the test host's).
        var appVersion = (await N.GetJsonAsync("api/cluster/members")).GetProperty("members")[0].GetProperty("appVersion").GetString();
        Assert.Matches(@"^\d+\.\d+\.\d+", appVersion);
        Assert.Equal($"{N.AkkaAddress} | {roles} | up | {appVersion} | leader,oldest,self | reachable", Assert.Single(Lines(run.StdOut)));

        var json = await Fibo("cluster", "show", "--json");
        Assert.True(json.ExitCode == 0, json.ToString());
        using var doc = JsonDocument.Parse(json.StdOut);
        Assert.Equal(N.AkkaAddress, doc.RootElement.GetProperty("members")[0].GetProperty("address").GetString());
    }

    [Fact]
    public async Task Cluster_leader_and_unreachable()
    {
        var leader = await Fibo("cluster", "leader");
        Assert.True(leader.ExitCode == 0, leader.ToString());
        var lines = Lines(leader.StdOut);
        Assert.Equal($"{N.AkkaAddress} | leader", lines[0]);
        Assert.Equal(FiboRoles.All.Select(r => $"{N.AkkaAddress} | role-leader: {r}"), lines[1..]);

        var unreachable = await Fibo("cluster", "unreachable");
        Assert.True(unreachable.ExitCode == 0, unreachable.ToString());
        Assert.Empty(unreachable.StdOut.Trim());
        Assert.Contains("no unreachable members", unreachable.StdErr);
    }

    [Fact]
    public async Task Cluster_sharding_regions_region_stats_and_shards()
    {
        var regions = await Fibo("cluster-sharding", "regions");
        Assert.True(regions.ExitCode == 0, regions.ToString());
        Assert.Contains($"{SeriesType} | {N.AkkaAddress}", Lines(regions.StdOut));

        var stats = await Fibo("cluster-sharding", "region-stats", "-r", SeriesType);
        Assert.True(stats.ExitCode == 0, stats.ToString());
        var line = Assert.Single(Lines(stats.StdOut));
        var shards = (await N.GetJsonAsync($"api/sharding/{SeriesType}/stats")).GetProperty("regions")[0].GetProperty("shards").GetInt32();
        Assert.Equal($"{N.AkkaAddress} | [{string.Join(",", FiboRoles.All)}] | up | leader | shards: {shards} | entities: 2", line);

        var shardLines = await Fibo("cluster-sharding", "shards", "-r", SeriesType);
        Assert.True(shardLines.ExitCode == 0, shardLines.ToString());
        var ids = Lines(shardLines.StdOut).Select(l => l.Split(" | ")).SelectMany(c => c[2].Split(',')).Order();
        Assert.Equal([SampleNodeData.OtherSeries, SampleNodeData.Series], ids);
        Assert.All(Lines(shardLines.StdOut), l => Assert.Matches(@"^shard \d+ \| entities: \d+ \| ", l));
    }

    [Fact]
    public async Task Actor_hierarchy_prints_paths_indented_by_depth()
    {
        var run = await Fibo("actor", "hierarchy", "-s", "/system/sharding", "-d", "1");
        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("/system/sharding", lines[0]);
        Assert.Contains($"  /system/sharding/{SeriesType}", lines);
    }

    [Fact]
    public async Task Series_list_and_show_read_the_node_store()
    {
        var list = await Fibo("series", "list");
        Assert.True(list.ExitCode == 0, list.ToString());
        var xrp = Assert.Single(Lines(list.StdOut), l => l.StartsWith(SampleNodeData.Series + " |"));
        Assert.Contains($"rows: {fixture.Data.Candles.Count}", xrp);
        Assert.Contains("| entity: no-model", xrp); // the live entity says why it does not decide: nothing is promoted here

        var show = await Fibo("series", "show", "-s", SampleNodeData.Series);
        Assert.True(show.ExitCode == 0, show.ToString());
        Assert.Contains($"stored rows | {fixture.Data.Candles.Count}", Lines(show.StdOut));
        Assert.Contains("entity | live", Lines(show.StdOut));
        Assert.Contains(Lines(show.StdOut), l => l.StartsWith("position | paper-1 | qty 0"));
    }

    [Fact]
    public async Task Model_status_lists_the_node_registry()
    {
        var run = await Fibo("model", "status");
        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = Lines(run.StdOut);
        Assert.StartsWith("registry | ", lines[0]);
        Assert.Contains("promoted: none", lines[0]);
        var tiny = Assert.Single(lines, l => l.StartsWith(SampleNodeData.ModelVersion + " |"));
        Assert.Contains("LSTM2Head v2", tiny);
        Assert.Matches(@"rmse [\d.eE+-]+ vs zero [\d.eE+-]+ vs last [\d.eE+-]+", tiny);
    }

    [Fact]
    public async Task A_node_error_is_one_error_line_and_exit_1()
    {
        var run = await Fibo("cluster-sharding", "region-stats", "-r", "no-such-type");
        Assert.Equal(1, run.ExitCode);
        Assert.Empty(run.StdOut.Trim());
        var error = Assert.Single(Lines(run.StdErr));
        Assert.StartsWith("ERROR: node " + N.HttpAddress + " answered 404", error);
        Assert.Contains(SeriesType, error);

        var down = await Fibo("cluster", "down", "-a", "garbage");
        Assert.Equal(1, down.ExitCode);
        Assert.Contains("answered 400", down.StdErr);
    }

    [Fact]
    public async Task An_unreachable_node_is_one_error_line_and_exit_69()
    {
        var run = await FiboProcess.RunAsync($"127.0.0.1:{ClosedPort()}", "cluster", "show");
        Assert.Equal(69, run.ExitCode);
        var error = Assert.Single(Lines(run.StdErr));
        Assert.StartsWith("ERROR: node 127.0.0.1:", error);
        Assert.Contains("unreachable", error);
    }

    [Fact]
    public async Task Without_a_node_argument_the_verbs_use_Fibo_Http_from_the_configuration()
    {
        var port = new Uri(N.BaseUrl).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var run = await FiboProcess.RunAsync(["cluster", "leader"], environment: new Dictionary<string, string> { ["Fibo__Http__Port"] = port });
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal($"{N.AkkaAddress} | leader", Lines(run.StdOut)[0]);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
