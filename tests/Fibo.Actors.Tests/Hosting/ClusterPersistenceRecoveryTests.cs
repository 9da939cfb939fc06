using Akka.Actor;
using Akka.Hosting;
using Fibo.Actors.Hosting;
using Fibo.Actors.Hosting.Options;
using Fibo.Actors.Tests.Support;
using Akka.Cluster.Hosting;

namespace Fibo.Actors.Tests.Hosting;

/// <summary>
/// A real cluster-of-one node with a sharded persistent entity: state written in one host's life is recovered by the next
/// (journal + snapshots), on SQLite files and on PostgreSQL.
/// </summary>
public sealed class ClusterPersistenceRecoveryTests
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Sqlite_state_survives_a_host_restart()
    {
        using var dir = new TempDirectory();
        var options = FiboTestHost.Options(o =>
        {
            o.Persistence.Provider = PersistenceProvider.Sqlite;
            o.Persistence.ConnectionString = $"Data Source={dir.File("journal.db")}";
            o.Persistence.SnapshotConnectionString = $"Data Source={dir.File("snapshots.db")}";
        });
        await RunRestartScenario(options);
        Assert.True(new FileInfo(dir.File("journal.db")).Length > 0);
        Assert.True(new FileInfo(dir.File("snapshots.db")).Length > 0);
    }

    [Fact]
    public async Task Postgres_state_survives_a_host_restart()
    {
        await using var pg = await TestPostgres.CreateSchemaAsync();
        var options = FiboTestHost.Options(o =>
        {
            o.Persistence.Provider = PersistenceProvider.Postgres;
            o.Persistence.ConnectionString = TestPostgres.ConnectionString;
            o.Persistence.SnapshotConnectionString = null;
            o.Persistence.Schema = pg.Schema;
        });
        await RunRestartScenario(options);

        // The journal went into this test's schema, not into the shared default one.
        await using var conn = new Npgsql.NpgsqlConnection(TestPostgres.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new Npgsql.NpgsqlCommand(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = @s AND table_name IN ('journal', 'snapshot')", conn);
        cmd.Parameters.AddWithValue("s", pg.Schema);
        Assert.Equal(2L, (long)(await cmd.ExecuteScalarAsync())!);
    }

    private static async Task RunRestartScenario(FiboOptions options)
    {
        CounterValue afterWrites;
        await using (var first = await FiboTestHost.StartAsync(options, WithCounterRegion))
        {
            var region = await first.Registry.GetAsync<CounterRegion>();
            for (var i = 1; i <= 5; i++) await region.Ask<CounterValue>(new AddToCounter("alpha", i), AskTimeout);
            await region.Ask<CounterValue>(new AddToCounter("beta", 100), AskTimeout);
            afterWrites = await region.Ask<CounterValue>(new GetCounter("alpha"), AskTimeout);
            Assert.Equal(15, afterWrites.Value);
            Assert.Equal(5, afterWrites.SequenceNr);
        }

        await using var second = await FiboTestHost.StartAsync(options, WithCounterRegion);
        var region2 = await second.Registry.GetAsync<CounterRegion>();
        var recovered = await region2.Ask<CounterValue>(new GetCounter("alpha"), AskTimeout);
        Assert.Equal(afterWrites, recovered);
        Assert.Equal(100, (await region2.Ask<CounterValue>(new GetCounter("beta"), AskTimeout)).Value);
        var next = await region2.Ask<CounterValue>(new AddToCounter("alpha", 1), AskTimeout);
        Assert.Equal(new CounterValue("alpha", 16, 6), next);
    }

    private static void WithCounterRegion(AkkaConfigurationBuilder builder) =>
        builder.WithShardRegion<CounterRegion>(CounterEntity.TypeName, id => Props.Create(() => new CounterEntity(id)),
            CounterEntity.Extractor, FiboSharding.Options(FiboRoles.Compute));
}
