using System.Diagnostics;
using System.Text.Json;
using Fibo.Messages.Primitives;
using Fibo.Node.Tests.Cluster.Support;
using Xunit.Abstractions;

namespace Fibo.Node.Tests.Cluster;

/// <summary>
/// Fibo as a cluster: three real <c>fibo run</c> processes (one ingest+compute seed, two compute+trading nodes) on
/// 127.0.0.1, one Kafka (<c>fibo kafka-dev</c>), one PostgreSQL schema for the journal, the snapshots, the candle store and
/// the dead letters. Six real series are replayed into Kafka; the nodes store every candle exactly once and make exactly
/// the orders a single node makes of the same candles (the backtester's chain) — with all three nodes up, when the node
/// that hosts the order executor leaves gracefully mid-replay, and when it is SIGKILLed mid-replay and the split-brain
/// resolver downs it. Inspection goes through the CLI (<c>fibo HOST:PORT cluster show</c>, <c>cluster-sharding region-stats</c>).
/// </summary>
public sealed class ClusterTests(ITestOutputHelper output)
{
    private const int CandlesPerSeries = 700;
    private const double Threshold = 0.002;
    private static readonly TimeSpan Formation = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan Completion = TimeSpan.FromSeconds(150);

    private readonly Stopwatch _clock = Stopwatch.StartNew();

    [Fact]
    public Task Three_nodes_form_a_cluster_spread_the_series_and_store_and_trade_a_replay_exactly_once() => WithClusterAsync(async cluster =>
    {
        var (seed, _, _) = await StartThreeNodesAsync(cluster);
        var market = await ClusterMarket.WriteAsync(Path.Combine(cluster.Folder, "market"), CandlesPerSeries, Threshold);

        // fibo NODE cluster show: three members, Up, with their roles.
        var show = await seed.CliAsync("cluster", "show");
        Assert.True(show.ExitCode == 0, show.ToString());
        var lines = Lines(show.StdOut);
        Assert.Equal(3, lines.Length);
        Assert.All(lines, l => Assert.Contains(" | up | ", l));
        foreach (var node in cluster.Nodes)
            Assert.Contains(lines, l => l.StartsWith($"{node.AkkaAddress} | [{string.Join(',', node.Roles)}] | up |"));
        // The seed joined first: it is the oldest member (the leader is the lowest address, whichever that is).
        Assert.Contains(lines, l => l.StartsWith(seed.AkkaAddress) && l.Split(" | ")[4].Split(',').Contains("oldest") && l.Split(" | ")[4].Split(',').Contains("self"));
        Assert.Single(lines, l => l.Split(" | ")[4].Split(',').Contains("leader"));

        await cluster.ReplayAsync(market.Paths);
        Log($"replayed {market.TotalCandles} candles of {market.Series.Count} series");
        await WaitUntilDoneAsync(cluster, seed, market);
        Log("every candle stored and decided");

        // fibo NODE cluster-sharding region-stats -r candle-series: one region per compute node, each hosting series.
        var stats = await seed.CliAsync("cluster-sharding", "region-stats", "-r", "candle-series");
        Assert.True(stats.ExitCode == 0, stats.ToString());
        var regions = Lines(stats.StdOut);
        Assert.Equal(cluster.Nodes.Select(n => n.AkkaAddress).Order(StringComparer.Ordinal), regions.Select(l => l.Split(" | ")[0]));
        var entities = regions.Select(l => int.Parse(l.Split(" | ")[5]["entities: ".Length..])).ToList();
        Assert.Equal(market.Series.Count, entities.Sum());
        Assert.All(entities, e => Assert.True(e >= 1, stats.StdOut));
        output.WriteLine(stats.StdOut);

        await AssertSingleNodeResultAsync(cluster, seed, market, minWriters: 1);
    });

    [Fact]
    public Task A_node_that_leaves_mid_replay_hands_its_series_and_the_executor_over_and_nothing_is_lost_or_doubled() => WithClusterAsync(async cluster =>
    {
        var (seed, _, _) = await StartThreeNodesAsync(cluster);
        var market = await ClusterMarket.WriteAsync(Path.Combine(cluster.Folder, "market"), CandlesPerSeries, Threshold);

        await cluster.ReplayAsync(market.Paths);
        var (victim, movedSeries, storedBefore) = await MidReplayVictimAsync(cluster, seed, market);

        var leave = await victim.CliAsync("cluster", "leave");
        Assert.True(leave.ExitCode == 0, leave.ToString());
        Assert.StartsWith($"{victim.AkkaAddress} | leave | ", Lines(leave.StdOut).Single());
        Log($"{victim.Name} asked to leave");
        // Leaving ends with coordinated shutdown: the process stops by itself, cleanly.
        Assert.True(await victim.WaitForExitAsync(TimeSpan.FromSeconds(60)), "the node that left is still running\n" + cluster.Logs());
        Assert.Equal(0, victim.ExitCode);
        Log($"{victim.Name} exited 0");
        var remaining = cluster.Nodes.Where(n => n != victim).ToList();
        await FiboCluster.WaitForMembersAsync(seed, remaining, Formation);

        await WaitUntilDoneAsync(cluster, seed, market);
        Log("every candle stored and decided after the hand-off");
        await AssertMovedAsync(cluster, seed, remaining, market, movedSeries, storedBefore);
        await AssertSingleNodeResultAsync(cluster, seed, market, minWriters: 2);
    });

    [Fact]
    public Task A_node_killed_mid_replay_is_downed_by_the_majority_its_shards_move_and_nothing_is_lost_or_doubled() => WithClusterAsync(async cluster =>
    {
        var (seed, _, _) = await StartThreeNodesAsync(cluster);
        var market = await ClusterMarket.WriteAsync(Path.Combine(cluster.Folder, "market"), CandlesPerSeries, Threshold);

        await cluster.ReplayAsync(market.Paths);
        var (victim, movedSeries, storedBefore) = await MidReplayVictimAsync(cluster, seed, market);

        await victim.KillAsync();
        var killed = Stopwatch.StartNew();
        Log($"{victim.Name} killed (SIGKILL)");
        var remaining = cluster.Nodes.Where(n => n != victim).ToList();
        // The failure detector marks it unreachable; keep-majority (2 of 3) downs it after stable-after; it is removed.
        await FiboCluster.Eventually("the killed node is seen unreachable", Formation, async () =>
            (await seed.GetJsonAsync("api/cluster/members")).GetProperty("unreachable").EnumerateArray().Any(u => u.GetString() == victim.AkkaAddress)
            || !(await seed.GetJsonAsync("api/cluster/members")).GetProperty("members").EnumerateArray().Any(m => m.GetProperty("address").GetString() == victim.AkkaAddress));
        Log($"unreachable after {killed.Elapsed.TotalSeconds:0.0} s");
        await FiboCluster.WaitForMembersAsync(seed, remaining, Formation);
        Log($"downed and removed after {killed.Elapsed.TotalSeconds:0.0} s");
        var show = await seed.CliAsync("cluster", "show");
        Assert.True(show.ExitCode == 0, show.ToString());
        Assert.Equal(2, Lines(show.StdOut).Length);
        Assert.DoesNotContain(victim.AkkaAddress, show.StdOut);

        await WaitUntilDoneAsync(cluster, seed, market);
        Log("every candle stored and decided after the crash");
        await AssertMovedAsync(cluster, seed, remaining, market, movedSeries, storedBefore);
        await AssertSingleNodeResultAsync(cluster, seed, market, minWriters: 2);
    });

    // ------------------------------------------------------------------ steps

    /// <summary>Runs a scenario on a fresh cluster; a failure carries the tail of every node's log.</summary>
    private static async Task WithClusterAsync(Func<FiboCluster, Task> scenario)
    {
        await using var cluster = await FiboCluster.CreateAsync($"--Fibo:Trading:Threshold={Threshold}");
        try
        {
            await scenario(cluster);
        }
        catch (Exception e) when (e is not TimeoutException)
        {
            throw new Xunit.Sdk.XunitException($"{e.Message}\n{cluster.Logs()}\n{e.StackTrace}");
        }
    }

    private async Task<(ClusterNode Seed, ClusterNode B, ClusterNode C)> StartThreeNodesAsync(FiboCluster cluster)
    {
        var seed = await cluster.StartNodeAsync("node-1", "ingest", "compute");
        var others = await Task.WhenAll(cluster.StartNodeAsync("node-2", "compute", "trading"), cluster.StartNodeAsync("node-3", "compute", "trading"));
        await FiboCluster.WaitForMembersAsync(seed, cluster.Nodes, Formation);
        // Shards are allocated on first use: every region must be known before the replay, or the first node gets them all.
        await FiboCluster.WaitForRegionsAsync(seed, "candle-series", 3, Formation);
        // The seed has only a proxy of the executors' region (no trading role); proxies cannot answer shard queries.
        await FiboCluster.WaitForRegionsAsync(others[0], "order-executor", 2, Formation);
        Log("three nodes up");
        return (seed, others[0], others[1]);
    }

    /// <summary>
    /// Waits until about a third of the market is stored, then picks the node hosting the account's executor (a compute and
    /// trading node, never the ingest seed) and notes which series it hosts and how far each series is stored.
    /// </summary>
    private async Task<(ClusterNode Victim, IReadOnlyList<string> Series, IReadOnlyDictionary<string, long> StoredBefore)> MidReplayVictimAsync(
        FiboCluster cluster, ClusterNode seed, ClusterMarket market)
    {
        await FiboCluster.Eventually("a third of the market stored", Completion, async () => await cluster.StoredTotalAsync() >= market.TotalCandles / 3);
        var trading = cluster.Nodes.First(n => n.Roles.Contains("trading"));
        var executors = await trading.GetJsonAsync("api/sharding/order-executor/stats");
        var host = executors.GetProperty("regions").EnumerateArray().Single(r => r.GetProperty("entities").GetInt32() > 0).GetProperty("address").GetString();
        var victim = cluster.Nodes.Single(n => n.AkkaAddress == host);
        Assert.DoesNotContain("ingest", victim.Roles);
        var shards = await victim.GetJsonAsync("api/sharding/candle-series/shards");
        var series = shards.GetProperty("shards").EnumerateArray().SelectMany(s => s.GetProperty("entityIds").EnumerateArray().Select(e => e.GetString()!)).ToList();
        Assert.NotEmpty(series);
        var stored = await cluster.StoredAsync();
        var before = series.ToDictionary(s => s, s => stored.TryGetValue(ClusterMarket.StoreKey(SeriesKey.Parse(s)), out var v) ? v.Rows : 0L);
        var total = stored.Values.Sum(v => v.Rows);
        Assert.True(total < market.TotalCandles, "the replay finished before the fault: the test would prove nothing");
        Log($"fault on {victim.Name} (executor {FiboCluster.Account}, series {string.Join(", ", series)}) at {total} of {market.TotalCandles} candles stored");
        return (victim, series, before);
    }

    /// <summary>Every candle in the store and every series entity done with its last candle (nothing waiting for a decision).</summary>
    private async Task WaitUntilDoneAsync(FiboCluster cluster, ClusterNode observer, ClusterMarket market)
    {
        var expected = market.Series.ToDictionary(s => ClusterMarket.StoreKey(s.Key), s => (long)s.Value.Count);
        var last = "";
        var progress = Stopwatch.StartNew();
        try
        {
            await FiboCluster.Eventually("every candle stored", Completion, async () =>
            {
                var stored = await cluster.StoredAsync();
                last = string.Join(", ", stored.Select(s => $"{s.Key}: {s.Value.Rows}"));
                if (progress.Elapsed > TimeSpan.FromSeconds(5))
                {
                    Log($"{stored.Values.Sum(v => v.Rows)} of {market.TotalCandles} candles stored");
                    progress.Restart();
                }
                return expected.All(e => stored.TryGetValue(e.Key, out var v) && v.Rows >= e.Value);
            });
            foreach (var (key, candles) in market.Series)
                await FiboCluster.Eventually($"{key} decided up to its last candle", Completion, async () =>
                {
                    var status = (await observer.GetJsonAsync($"api/series/{key}")).GetProperty("status");
                    last = status.ToString();
                    return status.GetProperty("lastCandle").GetProperty("openTime").GetInt64() == candles[^1].OpenTime
                           && status.GetProperty("pendingDecisions").GetInt32() == 0;
                });
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\nlast seen: {last}\n{cluster.Logs()}", e);
        }
    }

    /// <summary>The series of the node that went away live on the remaining nodes, restarted from the store (not from Kafka).</summary>
    private async Task AssertMovedAsync(FiboCluster cluster, ClusterNode seed, IReadOnlyList<ClusterNode> remaining, ClusterMarket market,
        IReadOnlyList<string> moved, IReadOnlyDictionary<string, long> storedBefore)
    {
        var stats = await seed.CliAsync("cluster-sharding", "region-stats", "-r", "candle-series");
        Assert.True(stats.ExitCode == 0, stats.ToString());
        var regions = Lines(stats.StdOut);
        Assert.Equal(remaining.Select(n => n.AkkaAddress).Order(StringComparer.Ordinal), regions.Select(l => l.Split(" | ")[0]));
        Assert.Equal(market.Series.Count, regions.Sum(l => int.Parse(l.Split(" | ")[5]["entities: ".Length..])));
        var hosted = new HashSet<string>();
        foreach (var node in remaining)
        {
            var shards = await node.GetJsonAsync("api/sharding/candle-series/shards");
            hosted.UnionWith(shards.GetProperty("shards").EnumerateArray().SelectMany(s => s.GetProperty("entityIds").EnumerateArray().Select(e => e.GetString()!)));
        }
        Assert.Superset(moved.ToHashSet(), hosted);
        foreach (var series in moved)
        {
            // The new entity read the candles stored before the move back from the store: it processed only the rest.
            var status = (await seed.GetJsonAsync($"api/series/{series}")).GetProperty("status");
            var processed = status.GetProperty("candlesProcessed").GetInt64();
            var total = market.Series[SeriesKey.Parse(series)].Count;
            Assert.True(processed <= total - storedBefore[series], $"{series}: processed {processed} in its new home, {storedBefore[series]} of {total} were stored before the move");
        }
        Assert.True(moved.Sum(s => storedBefore[s]) > 0, "nothing of the moved series was stored before the fault");
    }

    /// <summary>
    /// The cluster's result equals one node's: each candle stored once, the same orders (ids, sides, quantities, fills, fees),
    /// the same PnL; the executor's journal has one submission per order, contiguous sequence numbers, and each incarnation
    /// wrote one contiguous block (never two writers at once).
    /// </summary>
    private async Task AssertSingleNodeResultAsync(FiboCluster cluster, ClusterNode observer, ClusterMarket market, int minWriters)
    {
        var stored = await cluster.StoredAsync();
        foreach (var (key, candles) in market.Series)
            Assert.Equal((candles.Count, candles.Count), (stored[ClusterMarket.StoreKey(key)].Rows, stored[ClusterMarket.StoreKey(key)].Distinct));
        Assert.Equal(0, await cluster.DeadLettersAsync());

        var expected = market.SingleNodeOrders(out var pnl, out var fees);
        Assert.True(expected.Count >= 100, $"the single-node run made only {expected.Count} orders: the comparison would say little");
        var ledger = await observer.GetJsonAsync($"api/ledger/{FiboCluster.Account}");
        var actual = ClusterMarket.Sorted(ledger.GetProperty("orders").EnumerateArray().Select(OrderRow.From));
        var missing = expected.Except(actual).Take(5).ToList();
        var extra = actual.Except(expected).Take(5).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0 && expected.Count == actual.Count,
            $"orders differ from the single node's ({expected.Count} expected, {actual.Count} made)\nmissing: {string.Join("\n  ", missing)}\nextra: {string.Join("\n  ", extra)}");
        Assert.Equal(expected, actual);
        Assert.Equal(pnl, ledger.GetProperty("realizedPnl").GetDecimal());
        Assert.Equal(fees, ledger.GetProperty("feesPaid").GetDecimal());
        Assert.False(ledger.GetProperty("halted").GetBoolean());
        Log($"{actual.Count} orders, the same as one node's; realized PnL {pnl}, fees {fees}");

        var journal = await cluster.JournalAsync("executor-" + FiboCluster.Account);
        Assert.Equal(Enumerable.Range(1, journal.Count).Select(i => (long)i), journal.Select(r => r.SequenceNr));
        var submissions = journal.Where(r => r.Manifest == "order-submitted.v1").GroupBy(r => r.Event.GetProperty("clientOrderId").GetString()).ToList();
        Assert.All(submissions, g => Assert.Single(g));
        Assert.Equal(expected.Count, submissions.Count);
        var blocks = journal.Select(r => r.Writer).Aggregate(new List<string>(), (acc, w) => { if (acc.Count == 0 || acc[^1] != w) acc.Add(w); return acc; });
        Assert.Equal(blocks.Count, blocks.Distinct().Count());
        Assert.True(blocks.Count >= minWriters, $"the executor journaled from {blocks.Count} incarnation(s), expected at least {minWriters}");
        Log($"journal: {journal.Count} events from {blocks.Count} incarnation(s), one submission per order");
    }

    private void Log(string message) => output.WriteLine($"[{_clock.Elapsed.TotalSeconds,6:0.0} s] {message}");

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
