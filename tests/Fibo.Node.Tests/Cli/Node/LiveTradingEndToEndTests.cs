using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Fibo.Actors.Infrastructure.Backtesting;
using Fibo.Actors.Infrastructure.MarketData;
using Fibo.Actors.Infrastructure.Models;
using Fibo.Messages.Primitives;
using Fibo.Node.Tests.Support;
using Xunit.Abstractions;

namespace Fibo.Node.Tests.Cli.Node;

/// <summary>
/// Live trading end to end through the real executable (issue 7): <c>fibo exchange-sim</c> replays real ETH_BTC-5m candles
/// as a Binance lookalike; <c>fibo run</c> is pointed at its URLs by configuration alone (kline WebSocket feed into the
/// embedded Kafka, REST warm-up and gap backfill, a <c>Broker = binance</c> account, keys from the environment) with a
/// tiny promoted LSTM. Faults on the way: the first orders' answers are cut after the exchange accepted them, and every
/// WebSocket is dropped mid-stream. Then: every candle is in the store, predictions were made, each client order id is
/// exactly one exchange order, and the node's ledger (<c>fibo NODE ledger show --json</c>) equals the exchange's fills
/// and balances, commissions included.
/// </summary>
public sealed class LiveTradingEndToEndTests(ITestOutputHelper output) : IDisposable
{
    private const string Account = "live-1";
    private const int History = 300; // closed when the simulator starts: the node's warm-up history
    private const int Live = 100;    // replayed through the WebSocket once the node is up
    private static readonly SeriesKey Series = SeriesKey.Parse("ETH_BTC-5m");
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly TempFolder _dir = new("fibo-live");

    [Fact]
    public async Task Fibo_run_trades_the_simulator_end_to_end_with_lost_answers_and_a_dropped_stream()
    {
        // The market: the first 400 real candles of the bundled series, as a CSV named after its series.
        var sample = TempDir.MarketDataFile("ETH_BTC-5m.csv");
        var lines = File.ReadLines(sample).Take(1 + History + Live).ToList();
        var csv = _dir.File("market", "ETH_BTC-5m.csv");
        Directory.CreateDirectory(Path.GetDirectoryName(csv)!);
        File.WriteAllLines(csv, lines);
        var candles = BacktestInput.Load(csv).Candles;
        Assert.Equal(History + Live, candles.Count);

        var registry = new ModelRegistry(_dir.File("models"));
        TinyV2Model.TrainAndSave(BacktestInput.Load(TempDir.MarketDataFile("XRP_ETH-5m.csv")).Candles, registry.PathOf("tiny-v2"));
        registry.Promote("tiny-v2");

        // Frozen at its history until the node is up, so the test does not race the node's start.
        await using var sim = FiboLiveProcess.Start(["exchange-sim", "--data", csv, "--history", History.ToString(CultureInfo.InvariantCulture), "--speed", "0"],
            _dir.Path);
        var rest = await sim.ReadLineAsync(Patience);
        var ws = await sim.ReadLineAsync(TimeSpan.FromSeconds(5));
        using var exchange = new HttpClient { BaseAddress = new Uri(rest) };
        // The first two orders are placed, then their answers are lost (the connection is cut): the broker must find them
        // by client order id, never send them again.
        await PostAsync(exchange, "/admin/faults", new { orderFault = "abort-after-accept", count = 2 });

        var keys = new Dictionary<string, string> { ["FIBO_BINANCE_API_KEY"] = "sim-key", ["FIBO_BINANCE_API_SECRET"] = "sim-secret" };
        await using var node = FiboLiveProcess.Start(
        [
            "run", "--Fibo:Http:Port=0", "--Fibo:Logging:Level=Information",
            "--Fibo:Feed:Source=Binance", $"--Fibo:Binance:RestBaseUrl={rest}", $"--Fibo:Binance:StreamBaseUrl={ws}",
            $"--Fibo:Trading:Accounts:0:Id={Account}", "--Fibo:Trading:Accounts:0:Broker=binance", $"--Fibo:Trading:Accounts:0:Series:0={Series}",
            // History replayed faster than real time is decided by its own clock; every signal trades.
            "--Fibo:Trading:DecisionClock=Candle", "--Fibo:Trading:Threshold=0",
        ], _dir.Path, keys);
        var up = await node.ReadLineAsync(Patience);
        Assert.True(up.StartsWith("fibo node up", StringComparison.Ordinal), up + "\n" + node.StdErr);
        var httpLine = await node.ReadLineAsync(TimeSpan.FromSeconds(5));
        var nodeUrl = httpLine.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        using var api = new HttpClient { BaseAddress = new Uri(nodeUrl) };

        // Warm-up: the history arrives through REST before the stream starts.
        await WaitForAsync(async () => (await SeriesStatusAsync(api))?.GetProperty("candlesProcessed").GetInt64() >= History, "the warm-up history", node);

        // Live: the market runs (8 candles a second); a third of the way in, every WebSocket is cut.
        await PostAsync(exchange, "/admin/replay", new { speed = 2400 });
        await WaitForAsync(async () => (await SeriesStatusAsync(api))?.GetProperty("candlesProcessed").GetInt64() >= History + Live / 3, "live candles", node);
        var cut = await PostAsync(exchange, "/admin/streams/disconnect", new { });
        Assert.True(cut.GetProperty("disconnected").GetInt32() >= 1);

        // The end of the data: every candle stored and decided, nothing in flight at the exchange or in the ledger.
        var before = -1;
        await WaitForAsync(async () =>
        {
            var status = await SeriesStatusAsync(api);
            var ledger = await api.GetFromJsonAsync<JsonElement>($"api/ledger/{Account}");
            var orders = (await StateAsync(exchange)).GetProperty("orders").GetArrayLength();
            bool settled = status?.GetProperty("candlesProcessed").GetInt64() == History + Live && status?.GetProperty("pendingDecisions").GetInt32() == 0
                           && ledger.GetProperty("openOrders").GetInt32() == 0 && orders == before;
            before = orders;
            return settled;
        }, "the end of the replay", node, poll: TimeSpan.FromSeconds(1));

        // The ledger as the inspection verb prints it, and the exchange's own record.
        var view = await FiboJson.RunAsync(nodeUrl.Replace("http://", ""), "ledger", "show", "-a", Account);
        var state = await StateAsync(exchange);
        var status = (await SeriesStatusAsync(api))!.Value;

        // Predictions were made and turned into orders at the exchange.
        Assert.True(status.GetProperty("predictions").GetInt64() > Live, status.ToString());
        var exchangeOrders = state.GetProperty("orders").EnumerateArray().ToList();
        Assert.True(exchangeOrders.Count >= 4, $"only {exchangeOrders.Count} orders reached the exchange");
        Assert.Equal(2, state.GetProperty("faults").GetProperty("injectedOrderFaults").GetInt32());

        // Exactly one exchange order per client order id, and the ledger has exactly those, filled.
        var byClientId = exchangeOrders.GroupBy(o => o.GetProperty("clientOrderId").GetString()!).ToList();
        Assert.All(byClientId, g => Assert.Single(g));
        var ledgerOrders = view.GetProperty("orders").EnumerateArray().ToDictionary(o => o.GetProperty("clientOrderId").GetString()!);
        Assert.Equal(byClientId.Select(g => g.Key).Order(), ledgerOrders.Keys.Order());
        Assert.All(ledgerOrders.Values, o => Assert.Equal("Filled", o.GetProperty("status").GetString()));
        Assert.Contains(ledgerOrders.Values, o => o.GetProperty("purpose").GetString() == "Exit");

        // Fill for fill: quantity, price, and the commission in the asset Binance took it from (a buy's in ETH).
        foreach (var order in exchangeOrders)
        {
            var fills = ledgerOrders[order.GetProperty("clientOrderId").GetString()!].GetProperty("fills").EnumerateArray()
                .ToDictionary(f => f.GetProperty("fillId").GetString()!);
            var trades = order.GetProperty("trades").EnumerateArray().ToList();
            Assert.Equal(trades.Count, fills.Count);
            foreach (var t in trades)
            {
                var f = fills[t.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture)];
                Assert.Equal(t.GetProperty("quantity").GetDecimal(), f.GetProperty("quantity").GetDecimal());
                Assert.Equal(t.GetProperty("price").GetDecimal(), f.GetProperty("price").GetDecimal());
                Assert.Equal(t.GetProperty("commission").GetDecimal(), f.GetProperty("fee").GetDecimal());
                Assert.Equal(t.GetProperty("commissionAsset").GetString(), f.GetProperty("feeAsset").GetString());
            }
        }

        // Balances: the exchange's ETH is the ledger's position plus its dust (buy commissions were taken from it), and
        // its BTC moved as the ledger's cash did (the ledger funded 10,000 paper BTC; the simulator started with 1,000).
        var balances = state.GetProperty("balances");
        var position = view.GetProperty("positions").EnumerateArray().Where(p => p.GetProperty("series").GetString() == Series.ToString())
            .Sum(p => p.GetProperty("quantity").GetDecimal());
        var dust = view.GetProperty("dust").EnumerateArray().Sum(d => d.GetProperty("quantity").GetDecimal());
        Assert.Equal(balances.GetProperty("ETH").GetProperty("free").GetDecimal(), 1000m + position + dust);
        var cash = view.GetProperty("cash").EnumerateArray().Single(c => c.GetProperty("asset").GetString() == "BTC").GetProperty("amount").GetDecimal();
        var tradeCount = exchangeOrders.Sum(o => o.GetProperty("trades").GetArrayLength());
        Assert.InRange(Math.Abs(balances.GetProperty("BTC").GetProperty("free").GetDecimal() - (1000m + cash - 10_000m)), 0m, tradeCount * 0.00000001m);

        // No candle lost to the dropped stream: the store holds every replayed candle, as replayed.
        await using (var store = new SqliteCandleStore(_dir.File("data", "fibo-candles.db"), createIfMissing: false))
        {
            var stored = await store.ReadRangeAsync(Series);
            Assert.Equal(candles.Select(c => (c.OpenTime, c.Open, c.High, c.Low, c.Close, c.Volume)),
                stored.Select(c => (c.OpenTime, c.Open, c.High, c.Low, c.Close, c.Volume)));
        }
        Assert.Equal(1, state.GetProperty("streamConnections").GetInt32()); // the feed came back...
        Assert.Contains("missed while disconnected", node.StdErr);          // ...and fetched what closed meanwhile from REST

        output.WriteLine($"{exchangeOrders.Count} orders, {tradeCount} fills, position {position}, dust {dust}, " +
                         $"{status.GetProperty("predictions").GetInt64()} predictions, {status.GetProperty("backfilled").GetInt64()} backfilled by the series");
        Assert.Equal(0, await node.InterruptAsync(Patience));
        Assert.Equal(0, await sim.InterruptAsync(TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public async Task A_binance_account_without_keys_or_a_feed_without_series_stops_the_start_with_the_fix()
    {
        var noKeys = new Dictionary<string, string> { ["FIBO_BINANCE_API_KEY"] = "", ["FIBO_BINANCE_API_SECRET"] = "", ["FIBO_BINANCE_SECRETS_FILE"] = "" };
        var run = await FiboProcess.RunAsync(["run", "--Fibo:Http:Port=0", $"--Fibo:Trading:Accounts:0:Id={Account}", "--Fibo:Trading:Accounts:0:Broker=binance"],
            _dir.Path, noKeys, TimeSpan.FromSeconds(60));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"account {Account} trades with Broker = binance, but no Binance API key is set", run.StdErr);
        Assert.Contains("FIBO_BINANCE_API_KEY", run.StdErr);

        var feed = await FiboProcess.RunAsync(["run", "--Fibo:Http:Port=0", "--Fibo:Feed:Source=Binance"], _dir.Path, noKeys, TimeSpan.FromSeconds(60));
        Assert.Equal(2, feed.ExitCode);
        Assert.Contains("Fibo:Feed:Series", feed.StdErr);
        Assert.False(Directory.Exists(_dir.File("data")), "nothing may be created before the configuration is valid");
    }

    private static async Task<JsonElement?> SeriesStatusAsync(HttpClient api)
    {
        using var response = await api.GetAsync($"api/series/{Series}");
        if (!response.IsSuccessStatusCode) return null;
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.Object ? s : null;
    }

    private static async Task<JsonElement> StateAsync(HttpClient exchange) => await exchange.GetFromJsonAsync<JsonElement>("admin/state");

    private static async Task<JsonElement> PostAsync(HttpClient exchange, string path, object body)
    {
        using var response = await exchange.PostAsJsonAsync(path.TrimStart('/'), body);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, string what, FiboLiveProcess node, TimeSpan? poll = null)
    {
        var sw = System.Diagnostics.Stopwatch.StartNew();
        while (sw.Elapsed < Patience)
        {
            try
            {
                if (await condition()) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(poll ?? TimeSpan.FromMilliseconds(200));
        }
        Assert.Fail($"timed out waiting for {what}; node stderr:\n{node.StdErr}");
    }

    public void Dispose() => _dir.Dispose();
}
