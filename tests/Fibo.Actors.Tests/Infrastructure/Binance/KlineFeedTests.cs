using System.Collections.Concurrent;
using Fibo.Actors.Infrastructure.Binance;
using Fibo.Actors.Infrastructure.Binance.MarketData;
using Fibo.Actors.Infrastructure.Binance.Rest;
using Fibo.Actors.Infrastructure.Binance.Simulator;
using Fibo.Actors.Infrastructure.Binance.Streams;
using Fibo.Actors.Infrastructure.MarketData;
using Fibo.Actors.Tests.Support;
using Fibo.Messages.MarketData;
using Fibo.Messages.Primitives;
using static Fibo.Actors.Tests.Infrastructure.Binance.BinanceTestMarkets;

namespace Fibo.Actors.Tests.Infrastructure.Binance;

/// <summary>
/// The live kline feed over a real WebSocket from the simulator into a SQLite candle store, with the connection cut,
/// frozen half-open and aged out in the middle: every closed candle must arrive once, in order, with Binance's values.
/// </summary>
public class KlineFeedTests
{
    private const int History = 40;

    /// <summary>Records every publish (to prove nothing was delivered twice) and writes through to the store.</summary>
    private sealed class RecordingSink(ICandleSink inner) : ICandleSink
    {
        public ConcurrentQueue<(SeriesKey Series, long OpenTime, string Source)> Published { get; } = new();

        public async Task PublishAsync(SeriesKey series, Candle candle, string source, CancellationToken ct)
        {
            Assert.True(candle.IsClosed, "only closed candles may leave the feed");
            await inner.PublishAsync(series, candle, source, ct);
            Published.Enqueue((series, candle.OpenTime, source));
        }

        public int Count(SeriesKey s) => Published.Count(p => p.Series == s);
    }

    private static KlineFeedOptions FastFeed(TimeSpan? maxAge = null) => new()
    {
        MinReconnectDelay = TimeSpan.FromMilliseconds(20),
        MaxReconnectDelay = TimeSpan.FromMilliseconds(200),
        KeepAliveInterval = TimeSpan.FromMilliseconds(200),
        KeepAliveTimeout = TimeSpan.FromMilliseconds(400),
        ConnectTimeout = TimeSpan.FromSeconds(2),
        MaxConnectionAge = maxAge ?? TimeSpan.FromHours(1),
    };

    /// <summary>Downloads the history the simulator already has into the store (what a node does before going live).</summary>
    private static async Task SeedHistory(BinanceMarketData market, ICandleStore store, ExchangeSimulatorHost sim, SeriesKey series)
    {
        var all = sim.Market.AllCandles(series);
        await foreach (var page in market.GetKlineRangeAsync(series, all[0].OpenTime, all[History - 1].OpenTime))
            await store.WriteAsync(series, page, CandleWriteMode.Import, BinanceKlineFeed.BackfillSource);
    }

    private static async Task AssertStoreHoldsEveryCandle(ICandleStore store, ExchangeSimulatorHost sim, SeriesKey series)
    {
        var expected = sim.Market.AllCandles(series).Select(AsSent).ToList();
        var stored = await store.ReadRangeAsync(series);
        Assert.Equal(expected.Count, stored.Count);
        Assert.Equal(expected.Select(c => c.OpenTime), stored.Select(c => c.OpenTime));
        Assert.Equal(expected.Select(c => (c.Open, c.High, c.Low, c.Close, c.Volume)), stored.Select(c => (c.Open, c.High, c.Low, c.Close, c.Volume)));
    }

    [Fact]
    public async Task Disconnects_and_a_dead_connection_lose_and_duplicate_no_closed_candle()
    {
        using var dir = new TempDirectory();
        // A 5m candle every 20 ms: the 260 live candles of each series take about 5 s.
        await using var sim = await ExchangeSimulatorHost.StartAsync(new ExchangeSimulatorOptions
        {
            Data = RealFiveMinute(),
            Speed = 15_000,
            HistoryCandles = History,
            PushInterval = TimeSpan.FromMilliseconds(10),
        });
        await using var store = await CandleStores.OpenAsync(dir.File("candles.db"));
        using var http = new BinanceHttp(sim.FastClient());
        var market = new BinanceMarketData(http);
        await SeedHistory(market, store, sim, EthBtc5m);
        await SeedHistory(market, store, sim, LtcBtc5m);

        var sink = new RecordingSink(new StoreCandleSink(store));
        var resume = await BinanceKlineFeed.ResumePointsAsync(store, [EthBtc5m, LtcBtc5m]);
        var feed = new BinanceKlineFeed(sim.ClientOptions(), [EthBtc5m, LtcBtc5m], sink, market, FastFeed(), resume);
        Assert.Equal("/stream?streams=ethbtc@kline_5m/ltcbtc@kline_5m", feed.Url.PathAndQuery);
        using var stop = new CancellationTokenSource();
        var run = feed.RunAsync(stop.Token);

        await WaitUntil(() => sink.Count(EthBtc5m) >= 60, TimeSpan.FromSeconds(20), "60 live candles before the first cut");
        Assert.Equal(1, sim.DisconnectStreams());
        await WaitUntil(() => feed.Stats.Connections >= 2 && sink.Count(EthBtc5m) >= 130, TimeSpan.FromSeconds(20), "reconnected and 130 candles");
        // Half-open: the server neither reads nor writes; only our keep-alive PING can notice.
        Assert.Equal(1, sim.StallStreams());
        await WaitUntil(() => feed.Stats.Connections >= 3, TimeSpan.FromSeconds(20), "a new connection after the stall");
        await WaitUntil(() => sink.Count(EthBtc5m) == 300 - History && sink.Count(LtcBtc5m) == 300 - History,
            TimeSpan.FromSeconds(30), "every candle of the replay");

        await stop.CancelAsync();
        await run;

        await AssertStoreHoldsEveryCandle(store, sim, EthBtc5m);
        await AssertStoreHoldsEveryCandle(store, sim, LtcBtc5m);
        var published = sink.Published.ToArray();
        Assert.Equal(published.Length, published.Select(p => (p.Series, p.OpenTime)).Distinct().Count());
        foreach (var series in new[] { EthBtc5m, LtcBtc5m })
        {
            var times = published.Where(p => p.Series == series).Select(p => p.OpenTime).ToArray();
            Assert.Equal(times.Order(), times); // in open-time order
        }
        // The cuts really cost live pushes, which REST had to fill.
        Assert.True(feed.Stats.BackfilledCandles > 0, "nothing was backfilled: the disconnects did not open a gap");
        Assert.Contains(published, p => p.Source == BinanceKlineFeed.BackfillSource);
        Assert.True(feed.Stats.Disconnects >= 2);
    }

    [Fact]
    public async Task Scheduled_and_server_side_24_hour_cuts_reconnect_and_backfill()
    {
        using var dir = new TempDirectory();
        await using var sim = await ExchangeSimulatorHost.StartAsync(new ExchangeSimulatorOptions
        {
            Data = RealFiveMinute(),
            Speed = 15_000,
            HistoryCandles = History,
            PushInterval = TimeSpan.FromMilliseconds(10),
            MaxConnectionAge = TimeSpan.FromMilliseconds(1700), // the server's "24 hours"
        });
        await using var store = await CandleStores.OpenAsync(dir.File("candles.db"));
        using var http = new BinanceHttp(sim.FastClient());
        var market = new BinanceMarketData(http);
        await SeedHistory(market, store, sim, EthBtc5m);
        var sink = new RecordingSink(new StoreCandleSink(store));
        var feed = new BinanceKlineFeed(sim.ClientOptions(), [EthBtc5m], sink, market,
            FastFeed(maxAge: TimeSpan.FromMilliseconds(1100)), await BinanceKlineFeed.ResumePointsAsync(store, [EthBtc5m]));
        using var stop = new CancellationTokenSource();
        var run = feed.RunAsync(stop.Token);

        await WaitUntil(() => sink.Count(EthBtc5m) == 300 - History, TimeSpan.FromSeconds(30), "every candle of the replay");
        await stop.CancelAsync();
        await run;

        await AssertStoreHoldsEveryCandle(store, sim, EthBtc5m);
        Assert.True(feed.Stats.ScheduledReconnects >= 1, "the feed never reconnected on its own before the age limit");
        Assert.True(feed.Stats.Connections >= 3);
        Assert.Equal(sink.Published.Count, sink.Published.Distinct().Count());
    }

    [Fact]
    public async Task A_fresh_feed_warms_up_with_rest_history_then_goes_live_when_the_market_starts()
    {
        using var dir = new TempDirectory();
        // Frozen at candle 100 (in progress) until the test starts the replay.
        await using var sim = await ExchangeSimulatorHost.StartAsync(new ExchangeSimulatorOptions
        {
            Data = RealFiveMinute(),
            Speed = 0,
            HistoryCandles = 100,
            PushInterval = TimeSpan.FromMilliseconds(10),
        });
        await using var store = await CandleStores.OpenAsync(dir.File("candles.db"));
        using var http = new BinanceHttp(sim.FastClient());
        var sink = new RecordingSink(new StoreCandleSink(store));
        var options = FastFeed();
        options.WarmupCandles = 30;
        var feed = new BinanceKlineFeed(sim.ClientOptions(), [EthBtc5m], sink, new BinanceMarketData(http), options);
        using var stop = new CancellationTokenSource();
        var run = feed.RunAsync(stop.Token);

        // The 30 candles closed before the one in progress, from REST, before anything live.
        await WaitUntil(() => sink.Count(EthBtc5m) == 30 && feed.Stats.Connections == 1, TimeSpan.FromSeconds(10), "the warm-up history");
        var all = sim.Market.AllCandles(EthBtc5m);
        Assert.Equal(all.Skip(70).Take(30).Select(c => c.OpenTime), sink.Published.Select(p => p.OpenTime));
        Assert.All(sink.Published, p => Assert.Equal(BinanceKlineFeed.BackfillSource, p.Source));

        sim.Market.SetSpeed(15_000); // the market starts: the candle in progress closes and the live ones follow
        await WaitUntil(() => sink.Count(EthBtc5m) == 300 - 70, TimeSpan.FromSeconds(30), "every candle after the warm-up");
        await stop.CancelAsync();
        await run;
        var times = sink.Published.Select(p => p.OpenTime).ToArray();
        Assert.Equal(all.Skip(70).Select(c => c.OpenTime), times);
        Assert.Contains(sink.Published, p => p.Source == BinanceKlineFeed.LiveSource);
    }

    [Fact]
    public async Task Binance_klines_fill_a_series_gap_as_its_history_source()
    {
        await using var sim = await ExchangeSimulatorHost.StartAsync(new ExchangeSimulatorOptions { Data = RealFiveMinute(), Speed = 0, HistoryCandles = 250 });
        using var http = new BinanceHttp(sim.FastClient());
        var source = new BinanceCandleHistorySource(new BinanceMarketData(http));
        var all = sim.Market.AllCandles(LtcBtc5m);
        var hole = await source.FetchAsync(LtcBtc5m, all[20].OpenTime, all[59].OpenTime);
        Assert.Equal(all.Skip(20).Take(40).Select(AsSent).Select(c => (c.OpenTime, c.Open, c.Close)), hole.Select(c => (c.OpenTime, c.Open, c.Close)));
        Assert.All(hole, c => Assert.True(c.IsClosed));
        Assert.Equal("binance_rest", source.Name);
        Assert.Empty(await source.FetchAsync(LtcBtc5m, all[59].OpenTime, all[20].OpenTime));
    }

    [Fact]
    public async Task A_raw_stream_and_live_subscriptions_speak_binances_format()
    {
        await using var sim = await ExchangeSimulatorHost.StartAsync(new ExchangeSimulatorOptions
        {
            Data = RealFiveMinute(),
            Speed = 0,
            HistoryCandles = 10,
            PushInterval = TimeSpan.FromMilliseconds(20),
        });
        using var ws = new System.Net.WebSockets.ClientWebSocket();
        await ws.ConnectAsync(KlineStreams.RawUrl(sim.StreamBaseUrl, EthBtc5m), CancellationToken.None);
        var index = KlineStreams.Index([EthBtc5m, LtcBtc5m]);

        var first = await ReceiveText(ws);
        var update = KlineStreams.Parse(System.Text.Encoding.UTF8.GetBytes(first), index);
        Assert.NotNull(update);
        Assert.Equal(EthBtc5m, update.Value.Series);
        Assert.False(update.Value.IsClosed); // frozen at the open of candle 10: in progress
        Assert.Equal(sim.Market.AllCandles(EthBtc5m)[10].OpenTime, update.Value.Candle.OpenTime);
        Assert.Contains("\"e\":\"kline\"", first);
        Assert.DoesNotContain("\"stream\"", first); // raw, not wrapped

        await SendText(ws, """{"method":"SUBSCRIBE","params":["ltcbtc@kline_5m"],"id":7}""");
        await SendText(ws, """{"method":"LIST_SUBSCRIPTIONS","id":8}""");
        string? list = null;
        for (int i = 0; i < 50 && list is null; i++)
        {
            var text = await ReceiveText(ws);
            if (text.Contains("\"id\":8")) list = text;
        }
        Assert.NotNull(list);
        Assert.Contains("ltcbtc@kline_5m", list);
        Assert.Contains("ethbtc@kline_5m", list);
        await ws.CloseAsync(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
    }

    private static async Task<string> ReceiveText(System.Net.WebSockets.ClientWebSocket ws)
    {
        var buffer = new byte[64 * 1024];
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var result = await ws.ReceiveAsync(buffer, cts.Token);
        return System.Text.Encoding.UTF8.GetString(buffer, 0, result.Count);
    }

    private static Task SendText(System.Net.WebSockets.ClientWebSocket ws, string text) =>
        ws.SendAsync(System.Text.Encoding.UTF8.GetBytes(text), System.Net.WebSockets.WebSocketMessageType.Text, true, CancellationToken.None);
}
