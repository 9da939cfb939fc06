using System.Net.Http.Json;
using System.Text.Json;
using Fibo.Actors.Infrastructure.Binance.Simulator;
using Fibo.Actors.Infrastructure.MarketData;
using Fibo.Actors.Infrastructure.MarketData.Files;
using Fibo.Messages.Primitives;
using Fibo.Node.Tests.Support;

namespace Fibo.Node.Tests.Cli;

/// <summary><c>fibo exchange-sim</c> and <c>fibo data download</c> through the real executable, talking over real HTTP.</summary>
public class BinanceCliTests
{
    private static readonly SeriesKey EthBtc5m = SeriesKey.Parse("ETH_BTC-5m");

    [Fact]
    public async Task Exchange_sim_serves_a_file_and_data_download_stores_it_resumably()
    {
        using var dir = new TempDir();
        var csv = TempDir.MarketDataFile("ETH_BTC-5m.csv"); // 5760 real candles
        var source = CandleFileReader.Read(csv).Series.Single().Rows.Select(r => r.Candle).ToList();
        // History longer than the file: every candle is closed, a pure history server.
        await using var sim = FiboLiveProcess.Start("exchange-sim", "--data", csv, "--speed", "0", "--history", "100000");
        var rest = await sim.ReadLineAsync(TimeSpan.FromSeconds(60));
        var ws = await sim.ReadLineAsync(TimeSpan.FromSeconds(5));
        Assert.Matches(@"^http://127\.0\.0\.1:\d+$", rest);
        Assert.Equal(rest.Replace("http://", "ws://"), ws);

        using (var http = new HttpClient())
        {
            var time = await http.GetFromJsonAsync<JsonElement>(rest + "/api/v3/time");
            Assert.InRange(time.GetProperty("serverTime").GetInt64(), DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeMilliseconds(), DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeMilliseconds());
        }

        var db = dir.File("candles.db");
        string first = source[0].OpenTime.ToString(), middle = source[2500].OpenTime.ToString(), last = source[^1].OpenTime.ToString();
        var part1 = await FiboJson.RunAsync("data", "download", "--series", "ETH_BTC-5m", "--from", first, "--to", middle, "--db", db, "--base-url", rest);
        Assert.Equal(2501, part1.GetProperty("written").GetInt32());
        Assert.Equal(3, part1.GetProperty("requests").GetInt32()); // pages of 1000
        Assert.Equal(JsonValueKind.Null, part1.GetProperty("resumedAt").ValueKind);

        // The second run picks up at the newest stored candle (fetched again) and goes on to the end.
        var part2 = await FiboJson.RunAsync("data", "download", "--series", "ETH_BTC-5m", "--from", first, "--to", last, "--db", db, "--base-url", rest);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(source[2500].OpenTime).UtcDateTime, part2.GetProperty("resumedAt").GetDateTime().ToUniversalTime());
        Assert.Equal(source.Count - 2500, part2.GetProperty("written").GetInt32());
        Assert.True(part2.GetProperty("upToDate").GetBoolean());

        await using (var store = CandleStores.Open(db, createIfMissing: false))
        {
            var stored = await store.ReadRangeAsync(EthBtc5m);
            Assert.Equal(source.Select(c => (c.OpenTime, c.Open, c.High, c.Low, c.Close, c.Volume)),
                stored.Select(c => (c.OpenTime, c.Open, c.High, c.Low, c.Close, c.Volume)));
        }

        Assert.Equal(0, await sim.InterruptAsync(TimeSpan.FromSeconds(20)));
        Assert.Contains("stopped", sim.StdErr);
    }

    [Fact]
    public async Task Download_of_a_symbol_the_exchange_does_not_have_is_a_clear_error()
    {
        using var dir = new TempDir();
        await using var sim = await ExchangeSimulatorHost.StartAsync(new ExchangeSimulatorOptions
        {
            Data = ExchangeSimulatorOptions.FromFiles([TempDir.MarketDataFile("ETH_BTC-5m.csv")]),
            Speed = 0,
            HistoryCandles = 100000,
        });
        var run = await FiboProcess.RunAsync("data", "download", "--series", "DOGE_BTC-5m", "--from", "2018-01-10", "--to", "2018-01-11",
            "--db", dir.File("c.db"), "--base-url", sim.RestBaseUrl);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("does not serve DOGE_BTC-5m", run.StdErr);
        Assert.Contains("Invalid symbol", run.StdErr);
    }

    [Fact]
    public async Task Exchange_sim_needs_a_source_of_candles()
    {
        var run = await FiboProcess.RunAsync("exchange-sim", "--port", "0");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--data FILE.csv", run.StdErr);
    }
}
