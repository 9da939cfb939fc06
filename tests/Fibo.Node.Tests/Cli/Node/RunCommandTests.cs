using Fibo.Actors.Infrastructure.MarketData;
using Fibo.Actors.Infrastructure.Models;
using Fibo.Messages.Primitives;
using Fibo.Node.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Fibo.Node.Tests.Cli.Node;

/// <summary><c>fibo run --replay</c> through the real executable: a node with the embedded Kafka trades a bundled series.</summary>
public sealed class RunCommandTests : IDisposable
{
    private readonly TempFolder _dir = new("fibo-run");

    [Fact]
    public async Task Run_with_replay_stores_every_candle_trades_it_and_stops_cleanly_on_ctrl_c()
    {
        var file = TempDir.MarketDataFile("XRP_ETH-5m.csv");
        var candles = Fibo.Actors.Infrastructure.Backtesting.BacktestInput.Load(file).Candles;
        var registry = new ModelRegistry(_dir.File("models"));
        TinyV2Model.TrainAndSave(candles, registry.PathOf("tiny-v2"));
        registry.Promote("tiny-v2");

        await using var node = FiboLiveProcess.Start(["run", "--replay", file, "--Fibo:Http:Port=0", "--Fibo:Trading:Threshold=0", "--Fibo:Logging:Level=Warning"],
            workingDirectory: _dir.Path);
        var first = await node.ReadLineAsync(TimeSpan.FromSeconds(60));
        Assert.StartsWith("fibo node up: akka.tcp://fibo@", first);

        var db = _dir.File("data", "fibo-candles.db");
        var sw = System.Diagnostics.Stopwatch.StartNew();
        long rows = 0;
        while (rows < candles.Count && sw.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(200);
            if (!File.Exists(db)) continue;
            await using var store = new SqliteCandleStore(db, createIfMissing: false);
            rows = (await store.ListSeriesAsync()).FirstOrDefault(s => s.Key == SeriesKey.Parse("XRP_ETH-5m"))?.Rows ?? 0;
        }
        Assert.Equal(candles.Count, rows);
        // The decisions run behind the store: give them a moment, then stop like a user.
        await WaitForAsync(() => OrdersJournaled() > 0, TimeSpan.FromSeconds(30));
        Assert.Equal(0, await node.InterruptAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("stopping the node", node.StdErr);
        Assert.True(OrdersJournaled() > 0);
    }

    private long OrdersJournaled()
    {
        var journal = _dir.File("data", "fibo-journal.db");
        if (!File.Exists(journal)) return 0;
        using var c = new SqliteConnection($"Data Source={journal};Mode=ReadOnly;Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT count(*) FROM sqlite_master WHERE name = 'journal'";
        if ((long)cmd.ExecuteScalar()! == 0) return 0;
        cmd.CommandText = "SELECT count(*) FROM journal WHERE manifest = 'order-intent-recorded.v1'";
        return (long)cmd.ExecuteScalar()!;
    }

    private static async Task WaitForAsync(Func<bool> condition, TimeSpan timeout)
    {
        var sw = System.Diagnostics.Stopwatch.StartNew();
        while (!condition() && sw.Elapsed < timeout) await Task.Delay(200);
    }

    public void Dispose() => _dir.Dispose();
}
