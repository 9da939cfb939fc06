using Fibo.Actors.Domain;
using Fibo.Actors.Hosting;
using Fibo.Actors.Hosting.Options;
using Fibo.Actors.Tests.Support;

namespace Fibo.Actors.Tests.Hosting;

public sealed class FiboConfigurationTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private void WriteSettings(string json) => File.WriteAllText(_dir.File("appsettings.json"), json);

    private FiboOptions Load(string[]? args = null, Dictionary<string, string>? env = null, string? environmentName = null) =>
        FiboOptionsLoader.Load(FiboConfiguration.Build(args, _dir.Path, environmentName, env ?? new Dictionary<string, string>()));

    [Fact]
    public void Defaults_run_on_a_laptop_without_services()
    {
        var o = Load();
        Assert.Equal(KafkaOptions.Embedded, o.Kafka.BootstrapServers);
        Assert.Equal("fibo.candles", o.Kafka.Topic);
        Assert.Equal(PersistenceProvider.Sqlite, o.Persistence.Provider);
        Assert.Empty(o.Node.SeedNodes);
        Assert.Equal(FiboRoles.All, o.Node.EffectiveRoles);
    }

    [Fact]
    public void Json_then_environment_then_command_line_win_in_that_order()
    {
        WriteSettings("""{ "Fibo": { "Kafka": { "Topic": "from-json", "GroupId": "json-group", "MaxInFlight": 10 }, "Node": { "Roles": [ "compute" ] } } }""");
        var env = new Dictionary<string, string> { ["Fibo__Kafka__GroupId"] = "env-group", ["Fibo__Kafka__MaxInFlight"] = "20" };
        var o = Load(["--Fibo:Kafka:MaxInFlight=30"], env);
        Assert.Equal("from-json", o.Kafka.Topic);
        Assert.Equal("env-group", o.Kafka.GroupId);
        Assert.Equal(30, o.Kafka.MaxInFlight);
        Assert.Equal(["compute"], o.Node.EffectiveRoles);
    }

    [Fact]
    public void Environment_specific_file_overrides_the_base_file()
    {
        WriteSettings("""{ "Fibo": { "Http": { "Port": 8080 } } }""");
        File.WriteAllText(_dir.File("appsettings.Docker.json"), """{ "Fibo": { "Http": { "Port": 9090 } } }""");
        Assert.Equal(9090, Load(environmentName: "Docker").Http.Port);
        Assert.Equal(8080, Load().Http.Port);
    }

    [Fact]
    public void Env_placeholders_are_resolved_whole_and_inline()
    {
        WriteSettings("""
            { "Fibo": { "Persistence": { "Provider": "Postgres", "ConnectionString": "Host=${ENV:PG_HOST};Username=fibo;Password=${ENV:PG_PASS}" },
                        "Kafka": { "BootstrapServers": "${ENV:KAFKA}" } } }
            """);
        var env = new Dictionary<string, string> { ["PG_HOST"] = "db", ["PG_PASS"] = "s3cret", ["KAFKA"] = "kafka:9092" };
        var o = Load(env: env);
        Assert.Equal("Host=db;Username=fibo;Password=s3cret", o.Persistence.ConnectionString);
        Assert.Equal("kafka:9092", o.Kafka.BootstrapServers);
    }

    [Fact]
    public void Missing_env_variable_is_an_error_naming_the_key_and_the_variable()
    {
        WriteSettings("""{ "Fibo": { "Kafka": { "BootstrapServers": "${ENV:FIBO_KAFKA_NOT_SET}" } } }""");
        var e = Assert.Throws<InputException>(() => Load());
        Assert.Contains("Fibo:Kafka:BootstrapServers", e.Message);
        Assert.Contains("FIBO_KAFKA_NOT_SET", e.Message);
    }

    [Fact]
    public void Misspelt_key_and_wrong_type_name_the_key()
    {
        WriteSettings("""{ "Fibo": { "Kafka": { "BootstrapServer": "x:1" }, "Node": { "Port": "abc" } } }""");
        var e = Assert.Throws<InputException>(() => Load());
        Assert.Contains("BootstrapServer", e.Message);
        Assert.Contains("Fibo:Node:Port", e.Message);
    }

    [Fact]
    public void Unknown_sections_of_other_components_are_left_alone()
    {
        WriteSettings("""{ "Fibo": { "Dashboard": { "Theme": "dark" } } }""");
        Assert.NotNull(Load());
    }

    [Theory]
    [InlineData("--Fibo:Kafka:MaxInFlight=0", "Fibo:Kafka:MaxInFlight")]
    [InlineData("--Fibo:Kafka:Topic=bad topic!", "Fibo:Kafka:Topic")]
    [InlineData("--Fibo:Kafka:BootstrapServers=localhost", "Fibo:Kafka:BootstrapServers")]
    [InlineData("--Fibo:Node:Port=70000", "Fibo:Node:Port")]
    [InlineData("--Fibo:Node:Roles:0=comptue", "Fibo:Node:Roles:0")]
    [InlineData("--Fibo:Node:SeedNodes:0=akka.tcp://other@h:4053", "Fibo:Node:SeedNodes:0")]
    [InlineData("--Fibo:Persistence:Provider=Oracle", "Fibo:Persistence:Provider")]
    [InlineData("--Fibo:Persistence:ConnectionString=Nonsense=1", "Fibo:Persistence:ConnectionString")]
    [InlineData("--Fibo:Logging:Level=Loud", "Fibo:Logging:Level")]
    [InlineData("--Fibo:Node:StableAfterMs=10", "Fibo:Node:StableAfterMs")]
    [InlineData("--Fibo:Node:HeartbeatIntervalMs=0", "Fibo:Node:HeartbeatIntervalMs")]
    [InlineData("--Fibo:Node:AcceptableHeartbeatPauseMs=1500", "Fibo:Node:AcceptableHeartbeatPauseMs")]
    [InlineData("--Fibo:Node:ShardHandOffTimeoutMs=10", "Fibo:Node:ShardHandOffTimeoutMs")]
    [InlineData("--Fibo:Node:MaximumFrameBytes=1000", "Fibo:Node:MaximumFrameBytes")]
    [InlineData("--Fibo:Store:DeadLetterConnectionString=Host=;Port=x", "Fibo:Store:DeadLetterConnectionString")]
    public void Invalid_value_is_reported_with_its_key(string arg, string key)
    {
        var e = Assert.Throws<InputException>(() => Load([arg]));
        Assert.Contains(key, e.Message);
    }

    [Fact]
    public void Several_seed_nodes_on_sqlite_are_refused_with_the_fix()
    {
        var e = Assert.Throws<InputException>(() => Load(["--Fibo:Node:SeedNodes:0=akka.tcp://fibo@a:4053", "--Fibo:Node:SeedNodes:1=akka.tcp://fibo@b:4053"]));
        Assert.Contains("Provider=Postgres", e.Message);
    }

    [Fact]
    public void A_node_joining_another_node_is_refused_a_sqlite_journal_but_a_cluster_of_one_keeps_it()
    {
        var e = Assert.Throws<InputException>(() => Load(["--Fibo:Node:Port=4054", "--Fibo:Node:SeedNodes:0=akka.tcp://fibo@127.0.0.1:4053"]));
        Assert.Contains("Fibo:Persistence:Provider", e.Message);
        var self = Load(["--Fibo:Node:Port=4053", "--Fibo:Node:SeedNodes:0=akka.tcp://fibo@127.0.0.1:4053"]);
        Assert.Equal(PersistenceProvider.Sqlite, self.Persistence.Provider);
    }

    [Fact]
    public void A_cluster_node_takes_postgres_connection_strings_for_the_journal_the_candles_and_the_dead_letters()
    {
        const string pg = "Host=db;Port=5432;Database=fibo;Username=fibo;Password=x";
        var o = Load(["--Fibo:Node:SeedNodes:0=akka.tcp://fibo@seed:4053", "--Fibo:Persistence:Provider=Postgres", $"--Fibo:Persistence:ConnectionString={pg}",
            $"--Fibo:Store:ConnectionString={pg};Search Path=s1", $"--Fibo:Store:DeadLetterConnectionString={pg};Search Path=s1",
            "--Fibo:Node:StableAfterMs=3000", "--Fibo:Node:HeartbeatIntervalMs=500", "--Fibo:Node:AcceptableHeartbeatPauseMs=2000"]);
        // The store's engine follows the connection string (Host=), as --db does; snapshots default to the journal's database.
        Assert.Equal(pg, o.Persistence.EffectiveSnapshotConnectionString);
        Assert.Equal((3000, 500, 2000), (o.Node.StableAfterMs, o.Node.HeartbeatIntervalMs, o.Node.AcceptableHeartbeatPauseMs));
        Assert.Equal(PersistenceOptions.DefaultSqliteSnapshots, Load().Persistence.EffectiveSnapshotConnectionString);
    }

    [Fact]
    public void Postgres_password_is_never_printed_in_errors()
    {
        var e = Assert.Throws<InputException>(() =>
            Load(["--Fibo:Persistence:Provider=Postgres", "--Fibo:Persistence:ConnectionString=Port=5432;Password=hunter2"]));
        Assert.Contains("Fibo:Persistence:ConnectionString", e.Message);
        Assert.DoesNotContain("hunter2", e.Message);
    }

    public void Dispose() => _dir.Dispose();
}
