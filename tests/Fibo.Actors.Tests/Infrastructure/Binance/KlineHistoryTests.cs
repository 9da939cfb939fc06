using System.Diagnostics;
using Fibo.Actors.Infrastructure.Binance;
using Fibo.Actors.Infrastructure.Binance.MarketData;
using Fibo.Actors.Infrastructure.Binance.Rest;
using Fibo.Actors.Infrastructure.Binance.Simulator;
using Fibo.Messages.MarketData;
using Fibo.Messages.Primitives;

namespace Fibo.Actors.Tests.Infrastructure.Binance;

/// <summary>REST klines through real HTTP against the simulator: paging, weight limits, 429 and 5xx.</summary>
public class KlineHistoryTests
{
    private static readonly SeriesKey Btc1m = SeriesKey.Parse("BTC_USDT-1m");
    private const long Start = 1_700_000_040_000; // a whole minute

    private static ExchangeSimulatorOptions History(int count, int weightLimit = 6000, TimeSpan? window = null) => new()
    {
        Data = ExchangeSimulatorOptions.Synthetic([Btc1m], count, seed: 7, Start),
        Speed = 0,
        HistoryCandles = count, // everything closed: a pure history server
        RequestWeightLimit = weightLimit,
        RequestWeightWindow = window ?? TimeSpan.FromMinutes(1),
    };

    private static async Task<List<Candle>> DownloadAll(BinanceMarketData market, long from, long to)
    {
        var all = new List<Candle>();
        await foreach (var page in market.GetKlineRangeAsync(Btc1m, from, to)) all.AddRange(page);
        return all;
    }

    [Fact]
    public async Task Pages_of_1000_cover_the_range_exactly_once_in_order()
    {
        await using var sim = await ExchangeSimulatorHost.StartAsync(History(2500));
        using var http = new BinanceHttp(sim.FastClient());
        var market = new BinanceMarketData(http);
        var expected = sim.Market.AllCandles(Btc1m);

        var got = await DownloadAll(market, expected[0].OpenTime, expected[^1].OpenTime);

        Assert.Equal(expected.Count, got.Count);
        Assert.Equal(expected.Select(c => c.OpenTime), got.Select(c => c.OpenTime));
        Assert.Equal(expected.Select(BinanceTestMarkets.AsSent).Select(c => (c.Open, c.High, c.Low, c.Close, c.Volume)),
            got.Select(c => (c.Open, c.High, c.Low, c.Close, c.Volume)));
        Assert.All(got, c => Assert.True(c.IsClosed));
        // 3 pages of klines (weight 2 each) and one /api/v3/time (weight 1).
        Assert.Equal(7, http.Weight.Used);
    }

    [Fact]
    public async Task A_sub_range_starts_and_ends_where_asked()
    {
        await using var sim = await ExchangeSimulatorHost.StartAsync(History(1500));
        using var http = new BinanceHttp(sim.FastClient());
        var all = sim.Market.AllCandles(Btc1m);
        // From the middle of candle 100 (rounded up to 101) to the open of candle 1200.
        var got = await DownloadAll(new BinanceMarketData(http), all[100].OpenTime + 1, all[1200].OpenTime);
        Assert.Equal(all[101].OpenTime, got[0].OpenTime);
        Assert.Equal(all[1200].OpenTime, got[^1].OpenTime);
        Assert.Equal(1100, got.Count);
    }

    [Fact]
    public async Task The_weight_gate_waits_for_the_next_window_instead_of_getting_429()
    {
        // 12 weight per 500 ms window: 11 pages of klines (weight 2) cannot fit in one window.
        var options = History(10_500, weightLimit: 12, window: TimeSpan.FromMilliseconds(500));
        await using var sim = await ExchangeSimulatorHost.StartAsync(options);
        using var http = new BinanceHttp(sim.FastClient());
        var all = sim.Market.AllCandles(Btc1m);

        var got = await DownloadAll(new BinanceMarketData(http), all[0].OpenTime, all[^1].OpenTime);

        Assert.Equal(all.Count, got.Count);
        Assert.True(http.Weight.WindowWaits >= 1, "the client never waited for a new weight window");
        Assert.Equal(0, http.Weight.RetryAfterWaits); // it never ran into a 429
    }

    [Fact]
    public async Task A_429_waits_Retry_After_then_succeeds()
    {
        await using var sim = await ExchangeSimulatorHost.StartAsync(History(300));
        using var http = new BinanceHttp(sim.FastClient());
        var market = new BinanceMarketData(http);
        await http.SyncTimeAsync(CancellationToken.None);
        sim.Faults.RateLimitNext(2, retryAfterSeconds: 1);

        var clock = Stopwatch.StartNew();
        var candles = await market.GetKlinesAsync(Btc1m.Symbol, Btc1m.Timeframe, null, null, 100);

        Assert.Equal(100, candles.Count);
        Assert.Equal(2, sim.Faults.InjectedRateLimits);
        Assert.Equal(2, http.Weight.RetryAfterWaits);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1.9), $"waited only {clock.Elapsed.TotalSeconds:0.00} s for two Retry-After: 1");
    }

    [Fact]
    public async Task Server_errors_on_market_data_are_retried()
    {
        await using var sim = await ExchangeSimulatorHost.StartAsync(History(300));
        using var http = new BinanceHttp(sim.FastClient());
        sim.Faults.ServerErrorNext(3, "/api/v3/klines");
        var candles = await new BinanceMarketData(http).GetKlinesAsync(Btc1m.Symbol, Btc1m.Timeframe, Start, null, 10);
        Assert.Equal(10, candles.Count);
        Assert.Equal(Start, candles[0].OpenTime);
        Assert.Equal(3, sim.Faults.InjectedServerErrors);
    }

    [Fact]
    public async Task Exchange_info_carries_the_symbol_rules_and_the_weight_limit()
    {
        await using var sim = await ExchangeSimulatorHost.StartAsync(History(10, weightLimit: 1200));
        using var http = new BinanceHttp(sim.FastClient());
        var info = await new BinanceMarketData(http).GetExchangeInfoAsync(["BTCUSDT"]);
        var btc = info["BTCUSDT"];
        Assert.Equal(("BTC", "USDT", "TRADING"), (btc.BaseAsset, btc.QuoteAsset, btc.Status));
        Assert.Equal(0.0001m, btc.Rules.LotSize!.StepSize);
        Assert.Equal(0.00000001m, btc.Rules.Price!.TickSize); // synthetic prices have 8 decimals
        Assert.NotNull(btc.Rules.Notional);
        Assert.Equal(1200, info.RequestWeightPerMinute);
        Assert.Equal(1200, http.Weight.Limit);

        var e = await Assert.ThrowsAsync<BinanceApiException>(() => new BinanceMarketData(http).GetExchangeInfoAsync(["NOPEUSDT"]));
        Assert.Equal(-1121, e.Code);
    }
}
