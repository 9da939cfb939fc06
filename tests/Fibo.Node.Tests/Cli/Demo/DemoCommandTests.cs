using System.Text.Json;
using Fibo.Actors.Infrastructure.MarketData;
using Fibo.Node.Tests.Support;

namespace Fibo.Node.Tests.Cli.Demo;

/// <summary><c>fibo demo</c> through the real executable, shortened (300 candles per series, one training epoch).</summary>
public sealed class DemoCommandTests : IDisposable
{
    private readonly TempFolder _dir = new("fibo-demo");

    [Fact]
    public async Task Demo_trains_replays_trades_and_summarises_and_a_second_run_reuses_the_model_on_fresh_data()
    {
        var output = _dir.File("out");
        string[] args = ["demo", "--out", output, "--candles", "300", "--epochs", "1", "--http-port", "0", "--json"];
        var first = await FiboProcess.RunAsync(args, timeout: TimeSpan.FromMinutes(3));
        Assert.True(first.ExitCode == 0, first.ToString());
        using var summary = JsonDocument.Parse(first.StdOut);
        var root = summary.RootElement;
        Assert.True(root.GetProperty("modelTrainedNow").GetBoolean());
        Assert.Contains("training a small LSTM", first.StdErr);
        var series = root.GetProperty("series").EnumerateArray().ToList();
        Assert.Equal(["ETH_BTC-5m", "LTC_BTC-5m", "XRP_ETH-5m"], series.Select(s => s.GetProperty("series").GetString()));
        // Every candle went through; each got a forecast once its 49-candle feature warm-up and 32-candle window were full.
        Assert.All(series, s => Assert.Equal((300, 220), (s.GetProperty("candles").GetInt32(), s.GetProperty("predictions").GetInt32())));
        Assert.Equal(["BTC", "ETH"], root.GetProperty("totals").EnumerateArray().Select(t => t.GetProperty("quote").GetString()));

        // The files it names exist: candle store, ledger CSV, one plot per series, the model's loss plot.
        var files = root.GetProperty("files");
        await using (var store = new SqliteCandleStore(files.GetProperty("candleStore").GetString()!, createIfMissing: false))
            Assert.Equal(900, (await store.ListSeriesAsync()).Sum(s => s.Rows));
        var csv = File.ReadAllLines(files.GetProperty("ledgerCsv").GetString()!);
        Assert.Equal("time,time_ms,symbol,side,pred,price,amount,paper,status,client_order_id,fee,fill_price", csv[0]);
        Assert.Equal(series.Sum(s => s.GetProperty("orders").GetInt32()), csv.Length - 1);
        Assert.All(files.GetProperty("plots").EnumerateArray(), p => Assert.True(new FileInfo(p.GetString()!).Length > 10_000));
        Assert.True(File.Exists(files.GetProperty("lossPlot").GetString()));
        Assert.StartsWith("http://127.0.0.1:", root.GetProperty("dashboard").GetString());

        // Again: the promoted model is reused, and the replay starts from fresh data (not 900 duplicates).
        var second = await FiboProcess.RunAsync(args, timeout: TimeSpan.FromMinutes(3));
        Assert.True(second.ExitCode == 0, second.ToString());
        using var again = JsonDocument.Parse(second.StdOut);
        Assert.False(again.RootElement.GetProperty("modelTrainedNow").GetBoolean());
        Assert.Equal(root.GetProperty("model").GetString(), again.RootElement.GetProperty("model").GetString());
        Assert.All(again.RootElement.GetProperty("series").EnumerateArray(), s => Assert.Equal(220, s.GetProperty("predictions").GetInt32()));
    }

    public void Dispose() => _dir.Dispose();
}
