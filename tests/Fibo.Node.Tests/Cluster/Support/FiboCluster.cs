using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Fibo.Node.Tests.Support;
using Npgsql;

namespace Fibo.Node.Tests.Cluster.Support;

/// <summary>
/// A cluster of real <c>fibo run</c> processes on 127.0.0.1 (random ports), joined through the first node as seed, sharing
/// one Kafka (a <c>fibo kafka-dev</c> process: librdkafka's mock cluster, the real protocol, reached by every node as a broker)
/// and one PostgreSQL schema for the journal, the snapshots, the candle store and the dead letters, as a deployment does. Everything is configured the way an operator would: <c>--Fibo:Section:Key=value</c>.
/// Disposing it stops every node and drops the schema.
/// </summary>
public sealed class FiboCluster : IAsyncDisposable
{
    public const string Account = "paper-1";

    private readonly TempFolder _folder = new("fibo-cluster");
    private readonly string _server;
    private readonly List<ClusterNode> _nodes = [];
    private readonly IReadOnlyList<string> _settings;
    private readonly int _seedPort;

    private readonly FiboLiveProcess _kafka;

    private FiboCluster(FiboLiveProcess kafka, string bootstrap, string topic, string server, string schema, IReadOnlyList<string> settings)
    {
        _kafka = kafka;
        Bootstrap = bootstrap;
        Topic = topic;
        _server = server;
        Schema = schema;
        _seedPort = FreePort();
        _settings = settings;
    }

    public string Bootstrap { get; }
    public string Schema { get; }
    public string Topic { get; }
    public string Folder => _folder.Path;
    public IReadOnlyList<ClusterNode> Nodes => _nodes;

    /// <summary>The PostgreSQL connection string of this cluster's schema (Npgsql keywords).</summary>
    public string SchemaConnectionString => new NpgsqlConnectionStringBuilder(_server) { SearchPath = Schema }.ConnectionString;

    /// <summary>
    /// A fresh schema and a <c>fibo kafka-dev</c> with the candle topic (the mock cluster creates topics only in its own
    /// process); <paramref name="settings"/> are extra <c>--Fibo:...=value</c> overrides for every node.
    /// </summary>
    public static async Task<FiboCluster> CreateAsync(params string[] settings)
    {
        const string topic = "fibo.candles";
        var kafka = FiboLiveProcess.Start(["kafka-dev", "--brokers", "1", "--partitions", "8", "--topic", topic], workingDirectory: null);
        var bootstrap = (await kafka.ReadLineAsync(TimeSpan.FromSeconds(60))).Trim();
        Assert.Matches(@"^127\.0\.0\.1:\d+$", bootstrap);
        var server = Environment.GetEnvironmentVariable("FIBO_TEST_POSTGRES") is { Length: > 0 } cs
            ? cs : "Host=127.0.0.1;Port=5432;Username=fibo;Password=fibo;Database=fibo_test";
        var schema = "fibo_cluster_" + Guid.NewGuid().ToString("N")[..12];
        try
        {
            await Execute(server, $"CREATE SCHEMA {schema}");
        }
        catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException)
        {
            throw new InvalidOperationException($"PostgreSQL is unreachable ({e.Message}). Run the tests with ./test.sh: it starts PostgreSQL and exports FIBO_TEST_POSTGRES.", e);
        }
        return new FiboCluster(kafka, bootstrap, topic, server, schema, settings);
    }

    /// <summary>
    /// Starts a node (the first one started is the seed; every node lists it in <c>Fibo:Node:SeedNodes</c>) with short
    /// failure detection and split-brain timings so a killed member is downed within seconds.
    /// </summary>
    public async Task<ClusterNode> StartNodeAsync(string name, params string[] roles)
    {
        var port = _nodes.Count == 0 ? _seedPort : FreePort();
        var args = new List<string>
        {
            "--Fibo:Node:Hostname=127.0.0.1",
            $"--Fibo:Node:Port={port}",
            $"--Fibo:Node:SeedNodes:0=akka.tcp://fibo@127.0.0.1:{_seedPort}",
            "--Fibo:Node:HeartbeatIntervalMs=500",
            "--Fibo:Node:AcceptableHeartbeatPauseMs=3000",
            "--Fibo:Node:StableAfterMs=3000",
            "--Fibo:Http:Port=0",
            $"--Fibo:Kafka:BootstrapServers={Bootstrap}",
            $"--Fibo:Kafka:Topic={Topic}",
            $"--Fibo:Kafka:GroupId=group-{Schema}",
            "--Fibo:Kafka:Partitions=8",
            // The mock cluster delays a consumer's rejoin by (session timeout - 1 s): an ingest stream restart costs about 1 s.
            "--Fibo:Kafka:SessionTimeoutMs=2000",
            "--Fibo:Kafka:CommitIntervalMs=100",
            // A candle ask dropped by a shard hand-off (Akka drops what a handing-off region buffered) fails the ingest
            // stream after this long; it restarts from the committed offsets.
            "--Fibo:Kafka:AskTimeoutMs=5000",
            "--Fibo:Persistence:Provider=Postgres",
            $"--Fibo:Persistence:ConnectionString={_server}",
            $"--Fibo:Persistence:Schema={Schema}",
            $"--Fibo:Store:ConnectionString={SchemaConnectionString}",
            $"--Fibo:Store:DeadLetterConnectionString={SchemaConnectionString}",
            $"--Fibo:Models:Directory={Path.Combine(Folder, name, "models")}",
            "--Fibo:Pipeline:Forecaster=Persistence",
            "--Fibo:Pipeline:IngestBackoffMinMs=200",
            "--Fibo:Pipeline:IngestBackoffMaxMs=2000",
            "--Fibo:Pipeline:EntityBackoffMinMs=100",
            "--Fibo:Pipeline:EntityBackoffMaxMs=2000",
            "--Fibo:Trading:DecisionClock=Candle",
            // Long enough to outlive a downed member's removal: series keep sending to the executor until it answers.
            "--Fibo:Trading:ExecutorAskTimeoutMs=40000",
            "--Fibo:Logging:Level=Information",
        };
        for (var i = 0; i < roles.Length; i++) args.Add($"--Fibo:Node:Roles:{i}={roles[i]}");
        args.AddRange(_settings);
        var node = await ClusterNode.StartAsync(name, Path.Combine(Folder, name), roles, args);
        _nodes.Add(node);
        return node;
    }

    /// <summary>Waits until <paramref name="observer"/> sees exactly <paramref name="expected"/> members, all Up and reachable.</summary>
    public static async Task WaitForMembersAsync(ClusterNode observer, IReadOnlyCollection<ClusterNode> expected, TimeSpan timeout)
    {
        var want = expected.Select(n => n.AkkaAddress).Order(StringComparer.Ordinal).ToList();
        await Eventually($"{observer.Name} sees {string.Join(", ", expected.Select(n => n.Name))} up", timeout, async () =>
        {
            var members = await observer.GetJsonAsync("api/cluster/members");
            var up = members.GetProperty("members").EnumerateArray()
                .Where(m => m.GetProperty("status").GetString() == "up" && !m.GetProperty("unreachable").GetBoolean())
                .Select(m => m.GetProperty("address").GetString()!).Order(StringComparer.Ordinal).ToList();
            return up.SequenceEqual(want) && members.GetProperty("members").GetArrayLength() == want.Count
                                           && members.GetProperty("unreachable").GetArrayLength() == 0;
        });
    }

    /// <summary>Waits until the shard coordinator knows <paramref name="count"/> regions of <paramref name="typeName"/>.</summary>
    public static async Task WaitForRegionsAsync(ClusterNode observer, string typeName, int count, TimeSpan timeout) =>
        await Eventually($"{count} regions of {typeName}", timeout, async () =>
        {
            var types = await observer.GetJsonAsync("api/sharding/regions");
            return types.EnumerateArray().Any(t => t.GetProperty("typeName").GetString() == typeName && t.GetProperty("regions").GetArrayLength() == count);
        });

    /// <summary><c>fibo replay</c> of the files into this cluster's topic, as fast as Kafka takes them.</summary>
    public async Task ReplayAsync(IEnumerable<string> files)
    {
        var args = new List<string> { "replay" };
        foreach (var f in files) args.AddRange(["--input", f]);
        args.AddRange(["--bootstrap", Bootstrap, "--topic", Topic, "--speed", "0"]);
        var run = await FiboProcess.RunAsync(args, Folder, timeout: TimeSpan.FromSeconds(60));
        Assert.True(run.ExitCode == 0, run.ToString());
    }

    /// <summary>Rows and distinct open times per series in the shared candle store (<c>ohlcv</c>, symbol without '_').</summary>
    public async Task<Dictionary<string, (long Rows, long Distinct)>> StoredAsync()
    {
        var result = new Dictionary<string, (long, long)>();
        await using var c = new NpgsqlConnection(SchemaConnectionString);
        await c.OpenAsync();
        await using (var exists = new NpgsqlCommand("SELECT to_regclass('ohlcv') IS NOT NULL", c))
            if (!(bool)(await exists.ExecuteScalarAsync())!) return result;
        await using var cmd = new NpgsqlCommand("SELECT symbol, timeframe, count(*), count(DISTINCT ts) FROM ohlcv GROUP BY symbol, timeframe", c);
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync()) result[$"{r.GetString(0)}|{r.GetString(1)}"] = (r.GetInt64(2), r.GetInt64(3));
        return result;
    }

    public async Task<long> StoredTotalAsync() => (await StoredAsync()).Values.Sum(v => v.Rows);

    /// <summary>The executor's journal rows, in sequence order: (sequence number, manifest, writer, event JSON).</summary>
    public async Task<IReadOnlyList<JournalRow>> JournalAsync(string persistenceId)
    {
        var rows = new List<JournalRow>();
        await using var c = new NpgsqlConnection(SchemaConnectionString);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            "SELECT sequence_number, manifest, writer_uuid, message FROM journal WHERE persistence_id = @id AND NOT deleted ORDER BY ordering", c);
        cmd.Parameters.AddWithValue("id", persistenceId);
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync())
        {
            using var doc = JsonDocument.Parse(Encoding.UTF8.GetString((byte[])r.GetValue(3)));
            rows.Add(new JournalRow(r.GetInt64(0), r.GetString(1), r.GetString(2), doc.RootElement.Clone()));
        }
        return rows;
    }

    public async Task<long> DeadLettersAsync()
    {
        await using var c = new NpgsqlConnection(SchemaConnectionString);
        await c.OpenAsync();
        await using (var exists = new NpgsqlCommand("SELECT to_regclass('dead_letters') IS NOT NULL", c))
            if (!(bool)(await exists.ExecuteScalarAsync())!) return 0;
        await using var cmd = new NpgsqlCommand("SELECT count(*) FROM dead_letters", c);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    /// <summary>Every node's output, for a failure message.</summary>
    public string Logs(int lastLines = 60) => string.Join("\n", _nodes.Select(n =>
        $"===== {n.Name} {n.AkkaAddress} (exited: {n.HasExited}) =====\n" +
        string.Join("\n", n.StdErr.Split('\n').Where(l => !l.Contains("DummyClassForStringSources")).TakeLast(lastLines))));

    public static async Task Eventually(string what, TimeSpan timeout, Func<Task<bool>> condition)
    {
        var sw = Stopwatch.StartNew();
        Exception? last = null;
        while (sw.Elapsed < timeout)
        {
            try
            {
                if (await condition()) return;
                last = null;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException or InvalidOperationException)
            {
                last = e;
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"not within {timeout.TotalSeconds:0} s: {what}" + (last is null ? "" : $" (last error: {last.Message})"));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static async Task Execute(string server, string sql)
    {
        await using var c = new NpgsqlConnection(server);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, c);
        await cmd.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes) await node.DisposeAsync();
        await _kafka.DisposeAsync();
        // For a look at a passing run: FIBO_TEST_CLUSTER_LOGS=/some/dir keeps every node's log there.
        if (Environment.GetEnvironmentVariable("FIBO_TEST_CLUSTER_LOGS") is { Length: > 0 } keep)
        {
            Directory.CreateDirectory(keep);
            foreach (var node in _nodes) await File.WriteAllTextAsync(Path.Combine(keep, $"{Schema}-{node.Name}.log"), node.StdErr);
        }
        NpgsqlConnection.ClearAllPools();
        try
        {
            await Execute(_server, $"DROP SCHEMA IF EXISTS {Schema} CASCADE");
        }
        catch (NpgsqlException)
        {
            // Best effort: a leftover schema does not affect other tests (each uses its own).
        }
        _folder.Dispose();
    }
}

public sealed record JournalRow(long SequenceNr, string Manifest, string Writer, JsonElement Event);
