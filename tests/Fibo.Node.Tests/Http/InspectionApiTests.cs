using System.Text.Json;
using Akka.Actor;
using Akka.Hosting;
using Fibo.Actors.Hosting;
using Fibo.Node.Tests.Support;

namespace Fibo.Node.Tests.Http;

/// <summary>
/// The cluster, sharding, actor and health endpoints of a real node (cluster of one with the pipeline's regions, two
/// live series entities, a small actor tree under /user), over real HTTP.
/// </summary>
public sealed class InspectionApiTests(InspectionApiTests.Node fixture) : IClassFixture<InspectionApiTests.Node>
{
    public sealed class Node : IAsyncLifetime
    {
        public SampleNodeData Data { get; } = new();
        public TestNode Host { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Host = await TestNode.StartAsync(folder: Data.Folder, akka: b =>
            {
                b.WithActors((system, _) =>
                {
                    var parent = system.ActorOf(Props.Create(() => new Parent()), "probe-parent");
                    parent.Tell("spawn");
                });
            });
            await Host.SeriesStatusAsync(SampleNodeData.Series);
            await Host.SeriesStatusAsync(SampleNodeData.OtherSeries);
        }

        public async Task DisposeAsync()
        {
            await Host.DisposeAsync();
            Data.Dispose();
        }
    }

    private sealed class Parent : ReceiveActor
    {
        public Parent() => Receive<string>(_ =>
        {
            Context.ActorOf(Props.Create(() => new Child()), "child-a");
            Context.ActorOf(Props.Create(() => new Child()), "child-b");
        });
    }

    private sealed class Child : ReceiveActor
    {
        public Child() => Context.ActorOf(Props.Create(() => new Leaf()), "leaf");
    }

    private sealed class Leaf : ReceiveActor;

    private const string SeriesType = "candle-series";

    private TestNode N => fixture.Host;

    [Fact]
    public async Task Members_list_this_node_up_with_its_roles_and_the_leader_oldest_and_self_markers()
    {
        var body = await N.GetJsonAsync("api/cluster/members");
        Assert.Equal(N.AkkaAddress, body.GetProperty("self").GetString());
        Assert.Equal(N.AkkaAddress, body.GetProperty("leader").GetString());
        var member = Assert.Single(body.GetProperty("members").EnumerateArray());
        Assert.Equal(N.AkkaAddress, member.GetProperty("address").GetString());
        Assert.Equal("up", member.GetProperty("status").GetString());
        Assert.Equal(FiboRoles.All, member.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.True(member.GetProperty("leader").GetBoolean());
        Assert.True(member.GetProperty("oldest").GetBoolean());
        Assert.True(member.GetProperty("self").GetBoolean());
        Assert.False(member.GetProperty("unreachable").GetBoolean());
        Assert.Empty(body.GetProperty("unreachable").EnumerateArray());

        var leader = await N.GetJsonAsync("api/cluster/leader");
        Assert.Equal(N.AkkaAddress, leader.GetProperty("leader").GetString());
        Assert.Equal(N.AkkaAddress, leader.GetProperty("roleLeaders").GetProperty(FiboRoles.Trading).GetString());
    }

    [Fact]
    public async Task Down_needs_a_valid_member_address_and_says_what_is_wrong()
    {
        var (status, body) = await N.SendAsync(HttpMethod.Post, "api/cluster/down");
        Assert.Equal(400, status);
        Assert.Contains("?address=", body.GetProperty("error").GetString());

        (status, body) = await N.SendAsync(HttpMethod.Post, "api/cluster/down?address=not-an-address");
        Assert.Equal(400, status);
        Assert.Contains("akka.tcp://", body.GetProperty("error").GetString());

        (status, body) = await N.SendAsync(HttpMethod.Post, "api/cluster/down?address=akka.tcp://fibo@10.9.9.9:4053");
        Assert.Equal(404, status);
        Assert.Contains(N.AkkaAddress, body.GetProperty("error").GetString());
        Assert.Equal(404, body.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Sharding_regions_stats_and_shards_come_from_the_real_region()
    {
        var regions = await N.GetJsonAsync("api/sharding/regions");
        Assert.Equal(["candle-series", "order-executor"], regions.EnumerateArray().Select(t => t.GetProperty("typeName").GetString()));
        var type = regions.EnumerateArray().First();
        Assert.Equal([N.AkkaAddress], type.GetProperty("regions").EnumerateArray().Select(a => a.GetString()));

        var stats = await N.GetJsonAsync($"api/sharding/{SeriesType}/stats");
        var region = Assert.Single(stats.GetProperty("regions").EnumerateArray());
        Assert.Equal(N.AkkaAddress, region.GetProperty("address").GetString());
        Assert.Equal(2, region.GetProperty("entities").GetInt32());
        var perShard = region.GetProperty("entitiesPerShard").EnumerateObject().ToList();
        Assert.Equal(region.GetProperty("shards").GetInt32(), perShard.Count);
        Assert.Equal(2, perShard.Sum(p => p.Value.GetInt32()));
        Assert.True(region.GetProperty("leader").GetBoolean());
        Assert.Equal("up", region.GetProperty("status").GetString());

        var shards = await N.GetJsonAsync($"api/sharding/{SeriesType}/shards");
        Assert.Equal(N.AkkaAddress, shards.GetProperty("region").GetString());
        var ids = shards.GetProperty("shards").EnumerateArray().SelectMany(s => s.GetProperty("entityIds").EnumerateArray()).Select(e => e.GetString()).Order();
        Assert.Equal([SampleNodeData.OtherSeries, SampleNodeData.Series], ids);

        var remote = await N.GetJsonAsync($"api/sharding/{SeriesType}/shards?address={Uri.EscapeDataString(N.AkkaAddress)}");
        Assert.Equal(2, remote.GetProperty("shards").EnumerateArray().Sum(s => s.GetProperty("entityIds").GetArrayLength()));
    }

    [Fact]
    public async Task An_unknown_shard_type_is_a_404_naming_the_types_there_are()
    {
        var (status, body) = await N.SendAsync(HttpMethod.Get, "api/sharding/no-such-type/stats");
        Assert.Equal(404, status);
        Assert.Contains(SeriesType, body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Actor_hierarchy_identifies_children_down_to_the_depth()
    {
        var tree = await N.GetJsonAsync("api/actors?path=/user&depth=2");
        Assert.Equal("/user", tree.GetProperty("path").GetString());
        var parent = Assert.Single(tree.GetProperty("children").EnumerateArray(), c => c.GetProperty("name").GetString() == "probe-parent");
        Assert.Equal("/user/probe-parent", parent.GetProperty("path").GetString());
        var children = parent.GetProperty("children").EnumerateArray().ToList();
        Assert.Equal(["child-a", "child-b"], children.Select(c => c.GetProperty("name").GetString()));
        Assert.All(children, c => Assert.Empty(c.GetProperty("children").EnumerateArray())); // depth 2 stops here

        var deeper = await N.GetJsonAsync("api/actors?path=/user/probe-parent&depth=2");
        Assert.Equal(["leaf", "leaf"], deeper.GetProperty("children").EnumerateArray()
            .SelectMany(c => c.GetProperty("children").EnumerateArray()).Select(l => l.GetProperty("name").GetString()));

        var system = await N.GetJsonAsync("api/actors?path=/system&depth=1");
        Assert.Contains("sharding", system.GetProperty("children").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        Assert.DoesNotContain(system.GetProperty("children").EnumerateArray(), c => c.GetProperty("name").GetString()!.StartsWith("fibo-identify-"));
    }

    [Theory]
    [InlineData("api/actors?path=user", 400)]
    [InlineData("api/actors?path=/user&depth=99", 400)]
    [InlineData("api/actors?path=/user&depth=x", 400)]
    [InlineData("api/actors?path=/user/nobody-here", 404)]
    [InlineData("api/no-such-endpoint", 404)]
    public async Task Bad_requests_get_a_json_error_with_their_status(string path, int expected)
    {
        var (status, body) = await N.SendAsync(HttpMethod.Get, path);
        Assert.Equal(expected, status);
        Assert.Equal(JsonValueKind.String, body.GetProperty("error").ValueKind);
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("error").GetString()));
    }

    [Fact]
    public async Task Health_live_and_ready_report_the_actor_system_and_cluster_checks()
    {
        var live = await N.GetJsonAsync("health/live");
        Assert.Equal("Healthy", live.GetProperty("status").GetString());
        Assert.NotEmpty(live.GetProperty("checks").EnumerateArray());
        var ready = await N.GetJsonAsync("health/ready");
        Assert.Equal("Healthy", ready.GetProperty("status").GetString());
        Assert.NotEmpty(ready.GetProperty("checks").EnumerateArray());
    }
}
