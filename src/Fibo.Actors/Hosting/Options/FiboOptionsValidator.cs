using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Fibo.Actors.Hosting.Options;

/// <summary>Checks <see cref="FiboOptions"/>; each error names the key, the bad value and the fix.</summary>
public static partial class FiboOptionsValidator
{
    public static IReadOnlyList<string> Validate(FiboOptions o)
    {
        var errors = new List<string>();
        void Error(string key, object? value, string fix) => errors.Add($"Fibo:{key} = '{value}': {fix}");

        // Node
        if (!ActorSystemName().IsMatch(o.Node.ActorSystemName ?? ""))
            Error("Node:ActorSystemName", o.Node.ActorSystemName, "use letters, digits, '-' or '_' (e.g. fibo)");
        if (string.IsNullOrWhiteSpace(o.Node.Hostname))
            Error("Node:Hostname", o.Node.Hostname, "set the address Akka.Remote binds to, e.g. 127.0.0.1 or 0.0.0.0");
        if (o.Node.Port is < 0 or > 65535)
            Error("Node:Port", o.Node.Port, "use 0 (a free port) or 1-65535");
        for (var i = 0; i < o.Node.Roles.Length; i++)
            if (!FiboRoles.All.Contains(o.Node.Roles[i]))
                Error($"Node:Roles:{i}", o.Node.Roles[i], $"use one of {string.Join(", ", FiboRoles.All)}");
        for (var i = 0; i < o.Node.SeedNodes.Length; i++)
        {
            var seed = o.Node.SeedNodes[i];
            var m = SeedNode().Match(seed ?? "");
            if (!m.Success)
                Error($"Node:SeedNodes:{i}", seed, $"use akka.tcp://{o.Node.ActorSystemName}@HOST:PORT");
            else if (m.Groups["system"].Value != o.Node.ActorSystemName)
                Error($"Node:SeedNodes:{i}", seed, $"the seed's actor system must be Fibo:Node:ActorSystemName ('{o.Node.ActorSystemName}')");
        }

        // Persistence
        var p = o.Persistence;
        switch (p.Provider)
        {
            case PersistenceProvider.Sqlite:
                CheckSqlite("Persistence:ConnectionString", p.ConnectionString, Error);
                if (p.SnapshotConnectionString is not null) CheckSqlite("Persistence:SnapshotConnectionString", p.SnapshotConnectionString, Error);
                if (JoinsOtherNodes(o.Node))
                    Error("Persistence:Provider", p.Provider,
                        "a cluster of several nodes cannot share SQLite files (an executor that moves to another node must find its journal): set Fibo:Persistence:Provider=Postgres");
                break;
            case PersistenceProvider.Postgres:
                CheckPostgres("Persistence:ConnectionString", p.ConnectionString, Error);
                if (p.SnapshotConnectionString is not null) CheckPostgres("Persistence:SnapshotConnectionString", p.SnapshotConnectionString, Error);
                if (p.Schema is not null && !SqlIdentifier().IsMatch(p.Schema))
                    Error("Persistence:Schema", p.Schema, "use a plain schema name (letters, digits, '_'), or leave it empty for the default");
                break;
        }

        // Kafka
        var k = o.Kafka;
        if (string.IsNullOrWhiteSpace(k.BootstrapServers))
            Error("Kafka:BootstrapServers", k.BootstrapServers, "use 'embedded' (in-process mock cluster) or host:port[,host:port]");
        else if (!string.Equals(k.BootstrapServers, KafkaOptions.Embedded, StringComparison.OrdinalIgnoreCase)
                 && !k.BootstrapServers.Split(',').All(b => BrokerAddress().IsMatch(b.Trim())))
            Error("Kafka:BootstrapServers", k.BootstrapServers, "use 'embedded' or a list of host:port, e.g. kafka:9092,kafka2:9092");
        if (!TopicName().IsMatch(k.Topic ?? ""))
            Error("Kafka:Topic", k.Topic, "a Kafka topic name has 1-249 letters, digits, '.', '_' or '-'");
        if (string.IsNullOrWhiteSpace(k.GroupId))
            Error("Kafka:GroupId", k.GroupId, "set a consumer group id, e.g. fibo-ingest");
        if (k.MaxInFlight is < 1 or > 100_000)
            Error("Kafka:MaxInFlight", k.MaxInFlight, "use 1-100000 (candles waiting for an entity's ack at once)");
        if (k.Partitions is < 1 or > 10_000)
            Error("Kafka:Partitions", k.Partitions, "use 1-10000 (at least the number of ingest nodes)");
        if (k.ReplicationFactor < 1)
            Error("Kafka:ReplicationFactor", k.ReplicationFactor, "use 1 or more (at most the number of brokers)");
        if (k.EmbeddedBrokers is < 1 or > 16)
            Error("Kafka:EmbeddedBrokers", k.EmbeddedBrokers, "use 1-16 brokers for the embedded mock cluster");
        if (k.SessionTimeoutMs is < 1_000 or > 300_000)
            Error("Kafka:SessionTimeoutMs", k.SessionTimeoutMs, "use 1000-300000 ms (brokers usually require at least 6000)");
        if (k.CommitIntervalMs is < 10 or > 60_000)
            Error("Kafka:CommitIntervalMs", k.CommitIntervalMs, "use 10-60000 ms");
        if (k.AskTimeoutMs is < 100 or > 600_000)
            Error("Kafka:AskTimeoutMs", k.AskTimeoutMs, "use 100-600000 ms");

        // Binance (keys are not options: they come from the environment or a secrets file)
        try { o.Binance.Validate(); }
        catch (Fibo.Actors.Domain.InputException e) { errors.Add("Fibo:" + e.Message); }

        // Store
        // The connection string decides the engine (Host=... is PostgreSQL), as for --db; Provider=Postgres insists on it.
        if (o.Store.Provider == StoreProvider.Postgres || IsPostgres(o.Store.ConnectionString)) CheckPostgres("Store:ConnectionString", o.Store.ConnectionString, Error);
        else CheckSqlite("Store:ConnectionString", o.Store.ConnectionString, Error);
        if (IsPostgres(o.Store.DeadLetterConnectionString)) CheckPostgres("Store:DeadLetterConnectionString", o.Store.DeadLetterConnectionString, Error);
        else CheckSqlite("Store:DeadLetterConnectionString", o.Store.DeadLetterConnectionString, Error);

        // Cluster timings
        var n = o.Node;
        if (n.StableAfterMs is < 100 or > 3_600_000)
            Error("Node:StableAfterMs", n.StableAfterMs, "use 100-3600000 ms (how long membership must be stable before the split-brain resolver downs unreachable nodes; Akka's default is 20000)");
        if (n.HeartbeatIntervalMs is < 10 or > 60_000)
            Error("Node:HeartbeatIntervalMs", n.HeartbeatIntervalMs, "use 10-60000 ms (Akka's default is 1000)");
        if (n.AcceptableHeartbeatPauseMs < 2 * n.HeartbeatIntervalMs || n.AcceptableHeartbeatPauseMs > 600_000)
            Error("Node:AcceptableHeartbeatPauseMs", n.AcceptableHeartbeatPauseMs, "use at least twice Node:HeartbeatIntervalMs and at most 600000 ms (Akka's default is 3000)");
        if (n.MaximumFrameBytes is < 128_000 or > 256 * 1024 * 1024)
            Error("Node:MaximumFrameBytes", n.MaximumFrameBytes, "use 128000-268435456 bytes (the largest message between nodes, e.g. a ledger asked from another node)");
        if (n.ShardHandOffTimeoutMs is < 1_000 or > 600_000)
            Error("Node:ShardHandOffTimeoutMs", n.ShardHandOffTimeoutMs, "use 1000-600000 ms (how long a leaving node waits for its shards' entities to stop)");

        // Models, HTTP, logging
        if (string.IsNullOrWhiteSpace(o.Models.Directory))
            Error("Models:Directory", o.Models.Directory, "set the model registry directory, e.g. models");
        if (o.Models.InferenceThreads is < 1 or > 64)
            Error("Models:InferenceThreads", o.Models.InferenceThreads, "use 1-64 threads");
        if (o.Http.Port is < 0 or > 65535)
            Error("Http:Port", o.Http.Port, "use 0 (a free port) or 1-65535");
        if (string.IsNullOrWhiteSpace(o.Http.Host))
            Error("Http:Host", o.Http.Host, "set the address to listen on, e.g. 127.0.0.1 or 0.0.0.0");
        if (!LogLevels.Contains(o.Logging.Level ?? "", StringComparer.OrdinalIgnoreCase))
            Error("Logging:Level", o.Logging.Level, $"use one of {string.Join(", ", LogLevels)}");
        ValidateTrading(o.Trading, Error);
        ValidateFeed(o.Feed, o.Trading, Error);
        ValidatePipeline(o.Pipeline, Error);
        return errors;
    }

    private static void ValidateTrading(TradingOptions t, Action<string, object?, string> error)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < t.Accounts.Count; i++)
        {
            var a = t.Accounts[i];
            if (!AccountId().IsMatch(a.Id ?? ""))
                error($"Trading:Accounts:{i}:Id", a.Id, "use letters, digits, '.', '_' or '-' (e.g. paper-1)");
            else if (!ids.Add(a.Id!)) error($"Trading:Accounts:{i}:Id", a.Id, "each account id must be unique");
            if (string.IsNullOrWhiteSpace(a.Broker)) error($"Trading:Accounts:{i}:Broker", a.Broker, "name a broker: paper or binance");
            if (a.StartingCash < 0) error($"Trading:Accounts:{i}:StartingCash", a.StartingCash, "use 0 or a positive amount of quote currency");
            for (var j = 0; j < a.Series.Length; j++)
                if (!Fibo.Messages.Primitives.SeriesKey.TryParse(a.Series[j], out _, out var why))
                    error($"Trading:Accounts:{i}:Series:{j}", a.Series[j], why);
        }
        try
        {
            t.PolicyOptions();
        }
        catch (Fibo.Actors.Domain.InputException e)
        {
            error("Trading", "(policy)", e.Message);
        }
        if (t.StaleAfterPeriods < 0) error("Trading:StaleAfterPeriods", t.StaleAfterPeriods, "use 0 (off) or more periods");
        if (t.FeeBps < 0) error("Trading:FeeBps", t.FeeBps, "use 0 or more basis points (10 = 0.1 %)");
        if (t.SlippageBps < 0) error("Trading:SlippageBps", t.SlippageBps, "use 0 or more basis points");
        if (t.PaperStepSize < 0) error("Trading:PaperStepSize", t.PaperStepSize, "use 0 (no grid) or a positive step such as 0.0001");
        if (t.PaperMinQty < 0) error("Trading:PaperMinQty", t.PaperMinQty, "use 0 or a positive quantity");
        if (t.PaperMinNotional < 0) error("Trading:PaperMinNotional", t.PaperMinNotional, "use 0 or a positive amount of quote currency");
        if (t.SnapshotEvery is < 1 or > 1_000_000) error("Trading:SnapshotEvery", t.SnapshotEvery, "use 1-1000000 events");
        if (t.ExecutorAskTimeoutMs is < 100 or > 600_000) error("Trading:ExecutorAskTimeoutMs", t.ExecutorAskTimeoutMs, "use 100-600000 ms");
        if (t.ReconcileRetryMs is < 10 or > 600_000) error("Trading:ReconcileRetryMs", t.ReconcileRetryMs, "use 10-600000 ms");
    }

    private static void ValidateFeed(FeedOptions f, TradingOptions t, Action<string, object?, string> error)
    {
        for (var i = 0; i < f.Series.Length; i++)
        {
            if (!Fibo.Messages.Primitives.SeriesKey.TryParse(f.Series[i], out var key, out var why)) error($"Feed:Series:{i}", f.Series[i], why);
            else if (f.Source == FeedSource.Binance && !key.Timeframe.IsBinanceInterval)
                error($"Feed:Series:{i}", f.Series[i], $"Binance has no {key.Timeframe.Code} klines: use one of {string.Join(", ", Fibo.Messages.Primitives.Timeframe.BinanceIntervals)}");
            else if (key.Symbol.Quote.Length == 0)
                error($"Feed:Series:{i}", f.Series[i], "name base and quote assets, e.g. ETH_BTC-5m");
        }
        if (f.Source == FeedSource.Binance && f.EffectiveSeries(t).Count == 0)
            error("Feed:Series", "(empty)", "the Binance feed needs series: list them in Fibo:Feed:Series (e.g. ETH_BTC-5m) or in Fibo:Trading:Accounts:n:Series");
        if (f.Source == FeedSource.Binance && f.Series.Length == 0)
            foreach (var key in f.EffectiveSeries(t).Where(k => !k.Timeframe.IsBinanceInterval))
                error("Feed:Series", key, $"Binance has no {key.Timeframe.Code} klines: list the feed's series in Fibo:Feed:Series");
        if (f.WarmupCandles is < 0 or > 100_000) error("Feed:WarmupCandles", f.WarmupCandles, "use 0-100000 candles per series");
    }

    private static void ValidatePipeline(PipelineOptions p, Action<string, object?, string> error)
    {
        if (p.PersistenceSeqLen is < 1 or > 4096) error("Pipeline:PersistenceSeqLen", p.PersistenceSeqLen, "use 1-4096");
        if (p.IngestBatchMax is < 1 or > 100_000) error("Pipeline:IngestBatchMax", p.IngestBatchMax, "use 1-100000 records");
        if (p.WarmupCandles is < 0 or > 1_000_000) error("Pipeline:WarmupCandles", p.WarmupCandles, "use 0-1000000 candles");
        if (p.WriteBatchMaxRows is < 1 or > 1_000_000) error("Pipeline:WriteBatchMaxRows", p.WriteBatchMaxRows, "use 1-1000000 rows");
        if (p.PredictBatchMax is < 1 or > 65_536) error("Pipeline:PredictBatchMax", p.PredictBatchMax, "use 1-65536 windows");
        if (p.PredictBatchWaitMs is < 0 or > 10_000) error("Pipeline:PredictBatchWaitMs", p.PredictBatchWaitMs, "use 0-10000 ms");
        if (p.MaxPendingDecisions is < 1 or > 1_000_000) error("Pipeline:MaxPendingDecisions", p.MaxPendingDecisions, "use 1-1000000");
        if (p.PredictTimeoutMs is < 10 or > 600_000) error("Pipeline:PredictTimeoutMs", p.PredictTimeoutMs, "use 10-600000 ms");
        if (p.EntityBackoffMinMs < 1 || p.EntityBackoffMaxMs < p.EntityBackoffMinMs)
            error("Pipeline:EntityBackoffMinMs", p.EntityBackoffMinMs, "use at least 1 ms and no more than Pipeline:EntityBackoffMaxMs");
        if (p.IngestBackoffMinMs < 1 || p.IngestBackoffMaxMs < p.IngestBackoffMinMs)
            error("Pipeline:IngestBackoffMinMs", p.IngestBackoffMinMs, "use at least 1 ms and no more than Pipeline:IngestBackoffMaxMs");
        if (p.ModelPollMs is < 50 or > 3_600_000) error("Pipeline:ModelPollMs", p.ModelPollMs, "use 50-3600000 ms");
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex AccountId();

    private static bool IsPostgres(string? connectionString) =>
        connectionString is not null && Infrastructure.MarketData.CandleStores.IsPostgres(connectionString);

    /// <summary>True when a seed node is another node than this one (the node joins a cluster of several).</summary>
    private static bool JoinsOtherNodes(NodeOptions node)
    {
        var self = $"akka.tcp://{node.ActorSystemName}@{node.PublicHostname ?? node.Hostname}:{node.Port}";
        return node.SeedNodes.Any(s => !string.Equals(s?.TrimEnd('/'), self, StringComparison.OrdinalIgnoreCase));
    }

    private static readonly string[] LogLevels = ["Verbose", "Debug", "Information", "Warning", "Error", "Fatal"];

    private static void CheckSqlite(string key, string? value, Action<string, object?, string> error)
    {
        if (string.IsNullOrWhiteSpace(value)) { error(key, value, "set a SQLite connection string, e.g. Data Source=data/fibo.db"); return; }
        try
        {
            var b = new SqliteConnectionStringBuilder(value);
            if (string.IsNullOrWhiteSpace(b.DataSource)) error(key, value, "name the database file with Data Source=PATH");
        }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
        {
            error(key, value, $"not a SQLite connection string ({e.Message}); use e.g. Data Source=data/fibo.db");
        }
    }

    private static void CheckPostgres(string key, string? value, Action<string, object?, string> error)
    {
        const string example = "Host=localhost;Port=5432;Database=fibo;Username=fibo;Password=${ENV:FIBO_PG_PASSWORD}";
        if (string.IsNullOrWhiteSpace(value)) { error(key, value, $"set a PostgreSQL connection string, e.g. {example}"); return; }
        try
        {
            var b = new NpgsqlConnectionStringBuilder(value);
            if (string.IsNullOrWhiteSpace(b.Host)) error(key, Redact(value), $"name the server with Host=..., e.g. {example}");
        }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
        {
            error(key, Redact(value), $"not a PostgreSQL connection string ({e.Message}); use e.g. {example}");
        }
    }

    /// <summary>Never print a password in an error.</summary>
    private static string Redact(string connectionString) => PasswordPart().Replace(connectionString, "Password=***");

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]*$")]
    private static partial Regex ActorSystemName();

    [GeneratedRegex(@"^akka\.tcp://(?<system>[^@/]+)@[^:/\s]+:\d{1,5}/?$")]
    private static partial Regex SeedNode();

    [GeneratedRegex(@"^[A-Za-z0-9.\-]+:\d{1,5}$")]
    private static partial Regex BrokerAddress();

    [GeneratedRegex(@"^[A-Za-z0-9._-]{1,249}$")]
    private static partial Regex TopicName();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]{0,62}$")]
    private static partial Regex SqlIdentifier();

    [GeneratedRegex(@"(?i)password\s*=\s*[^;]*")]
    private static partial Regex PasswordPart();
}
