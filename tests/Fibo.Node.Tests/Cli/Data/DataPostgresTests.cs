using Fibo.Node.Tests.Support;
using Npgsql;

namespace Fibo.Node.Tests.Cli.Data;

/// <summary>A fresh PostgreSQL schema for the class (FIBO_TEST_POSTGRES, set by ./test.sh); fails, never skips, when unreachable.</summary>
public sealed class PostgresSchema : IAsyncLifetime
{
    private readonly string _server = Environment.GetEnvironmentVariable("FIBO_TEST_POSTGRES") is { Length: > 0 } cs
        ? cs : "Host=127.0.0.1;Port=5432;Username=fibo;Password=fibo;Database=fibo_test";

    public string Name { get; } = "fibo_cli_" + Guid.NewGuid().ToString("N")[..12];
    public string ConnectionString => new NpgsqlConnectionStringBuilder(_server) { SearchPath = Name }.ConnectionString;

    public async Task InitializeAsync()
    {
        try
        {
            await Execute($"CREATE SCHEMA {Name}");
        }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            throw new InvalidOperationException($"PostgreSQL is unreachable ({e.Message}). Run the tests with ./test.sh: it starts PostgreSQL and exports FIBO_TEST_POSTGRES.", e);
        }
    }

    public Task DisposeAsync() => Execute($"DROP SCHEMA IF EXISTS {Name} CASCADE");

    private async Task Execute(string sql)
    {
        await using var c = new NpgsqlConnection(_server);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, c);
        await cmd.ExecuteNonQueryAsync();
    }
}

/// <summary>The data verbs with <c>--db</c> given as a PostgreSQL connection string.</summary>
public sealed class DataPostgresTests(PostgresSchema pg) : IClassFixture<PostgresSchema>, IDisposable
{
    private readonly TempDir _dir = new();
    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Import_info_export_gaps_and_backup_work_on_postgresql()
    {
        var import = await FiboJson.RunAsync("data", "import", "--db", pg.ConnectionString,
            TempDir.MarketDataFile("ETH_BTC-1m.csv"), TempDir.MarketDataFile("XRP_ETH-5m.csv"));
        Assert.Equal(14_397 + 712, import.GetProperty("rowsWritten").GetInt64());
        Assert.Contains("schema " + pg.Name, import.GetProperty("store").GetString());
        Assert.DoesNotContain("Password", import.GetProperty("store").GetString(), StringComparison.OrdinalIgnoreCase);

        var info = await FiboJson.RunAsync("data", "info", "--db", pg.ConnectionString);
        Assert.Equal(new Dictionary<string, long> { ["ETH_BTC-1m"] = 14_397, ["XRP_ETH-5m"] = 712 }, FiboJson.RowsBySeries(info));

        var export = _dir.File("XRP_ETH-1m.csv");
        await FiboJson.RunAsync("data", "export", "--db", pg.ConnectionString, "--series", "ETH_BTC-1m", "--output", export);
        Assert.Equal(File.ReadAllText(TempDir.MarketDataFile("ETH_BTC-1m.csv")).Replace("\r", ""), File.ReadAllText(export));

        var gaps = await FiboJson.RunAsync("data", "gaps", "--db", pg.ConnectionString, "--series", "ETH_BTC-1m");
        Assert.Equal(1, gaps.GetProperty("missingCandles").GetInt64());

        var replica = _dir.File("replica.db");
        await FiboJson.RunAsync("data", "backup", "--db", pg.ConnectionString, "--to", replica);
        var copy = await FiboJson.RunAsync("data", "info", "--db", replica);
        Assert.Equal(info.GetProperty("series").GetRawText(), copy.GetProperty("series").GetRawText());

        // A bad file refuses the whole import on PostgreSQL too.
        var bad = _dir.File("LTC_BTC-5m.csv");
        File.WriteAllText(bad, "timestamp,open,high,low,close,volume\n1515560100000,1,2,0.5,1,1\n1515560400000,1,2,0.5,inf,1\n");
        var run = await FiboProcess.RunAsync("data", "import", "--db", pg.ConnectionString, TempDir.MarketDataFile("LTC_BTC-5m.csv"), bad);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("line 3: field 'close' value 'Infinity': not a finite number", run.StdErr);
        Assert.Equal(info.GetProperty("series").GetRawText(), (await FiboJson.RunAsync("data", "info", "--db", pg.ConnectionString)).GetProperty("series").GetRawText());
    }
}
