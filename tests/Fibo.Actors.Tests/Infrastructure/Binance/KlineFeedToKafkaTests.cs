using Akka.Actor;
using Akka.Streams;
using Fibo.Actors.Infrastructure.Binance.MarketData;
using Fibo.Actors.Infrastructure.Binance.Rest;
using Fibo.Actors.Infrastructure.Binance.Simulator;
using Fibo.Actors.Infrastructure.Binance.Streams;
using Fibo.Actors.Infrastructure.DeadLetters;
using Fibo.Actors.Infrastructure.Kafka;
using Fibo.Actors.Infrastructure.MarketData;
using Fibo.Actors.Tests.Support;
using Fibo.Messages.MarketData;
using static Fibo.Actors.Tests.Infrastructure.Binance.BinanceTestMarkets;

namespace Fibo.Actors.Tests.Infrastructure.Binance;

/// <summary>
/// Simulator WebSocket → kline feed → Kafka (librdkafka mock cluster, real protocol) → candle ingest stream → a stand-in
/// series entity that stores → SQLite, with the exchange connection cut twice on the way.
/// </summary>
public sealed class KlineFeedToKafkaTests : IAsyncDisposable
{
    private readonly KafkaTestBed _bed = new(partitions: 4);
    private readonly ActorSystem _system = ActorSystem.Create("binance-kafka-tests", "akka.loglevel = WARNING");
    private readonly TempDirectory _dir = new();

    /// <summary>What the candle-series entity does with a candle, minus features: store it, then answer.</summary>
    private sealed class StoringSeriesEntity : ReceiveActor
    {
        public StoringSeriesEntity(ICandleStore store)
        {
            ReceiveAsync<IngestCandle>(async m =>
            {
                int written = await store.WriteAsync(m.Series, [m.Candle], CandleWriteMode.Stream, "kafka");
                Sender.Tell(new CandleIngested(m.Series, m.Candle.OpenTime, written == 1 ? IngestOutcome.Stored : IngestOutcome.Duplicate));
            });
        }
    }

    [Fact]
    public async Task Every_closed_candle_reaches_the_store_through_Kafka_across_exchange_disconnects()
    {
        const int history = 40;
        await using var sim = await ExchangeSimulatorHost.StartAsync(new ExchangeSimulatorOptions
        {
            Data = RealFiveMinute(),
            Speed = 15_000,
            HistoryCandles = history,
            PushInterval = TimeSpan.FromMilliseconds(10),
        });
        await using var store = await CandleStores.OpenAsync(_dir.File("candles.db"));
        await using var deadLetters = new SqliteDeadLetterStore($"Data Source={_dir.File("dead.db")}");
        using var producer = _bed.Producer();
        using var http = new BinanceHttp(sim.FastClient());
        var market = new BinanceMarketData(http);

        // The node's start: last stored candle of each series is where the feed resumes (nothing stored yet: the
        // history before the feed starts is fetched by the first gap check only when a resume point exists).
        var first = sim.Market.AllCandles(EthBtc5m)[0].OpenTime - EthBtc5m.Timeframe.Milliseconds;
        var resume = new Dictionary<Fibo.Messages.Primitives.SeriesKey, long> { [EthBtc5m] = first, [LtcBtc5m] = first };
        var feed = new BinanceKlineFeed(sim.ClientOptions(), [EthBtc5m, LtcBtc5m], new KafkaCandleSink(producer), market,
            new KlineFeedOptions { MinReconnectDelay = TimeSpan.FromMilliseconds(20), MaxReconnectDelay = TimeSpan.FromMilliseconds(200) }, resume);

        var entity = _system.ActorOf(Props.Create(() => new StoringSeriesEntity(store)));
        var ingest = CandleIngestStream.Run(_bed.ConsumerSettings("binance-ingest"), entity, deadLetters, maxInFlight: 64,
            TimeSpan.FromSeconds(30), _system.Materializer());

        using var stop = new CancellationTokenSource();
        var run = feed.RunAsync(stop.Token);
        await WaitUntil(() => feed.Stats.LiveCandles >= 80, TimeSpan.FromSeconds(30), "80 live candles");
        sim.DisconnectStreams();
        await WaitUntil(() => feed.Stats.Connections >= 2 && feed.Stats.LiveCandles >= 200, TimeSpan.FromSeconds(30), "reconnect, 200 live candles");
        sim.DisconnectStreams();
        await WaitUntil(() => ingest.Counters.Stored >= 600, TimeSpan.FromSeconds(40), $"600 candles stored through Kafka");
        await stop.CancelAsync();
        await run;
        await ingest.StopAsync();

        foreach (var series in new[] { EthBtc5m, LtcBtc5m })
        {
            var expected = sim.Market.AllCandles(series).Select(AsSent).ToList();
            var stored = await store.ReadRangeAsync(series);
            Assert.Equal(expected.Select(c => c.OpenTime), stored.Select(c => c.OpenTime));
            Assert.Equal(expected.Select(c => (c.Open, c.High, c.Low, c.Close, c.Volume)), stored.Select(c => (c.Open, c.High, c.Low, c.Close, c.Volume)));
        }
        // 40 history candles per series came by REST at the start, the rest live or backfilled after the two cuts.
        Assert.True(feed.Stats.BackfilledCandles >= 2 * history, $"backfilled {feed.Stats.BackfilledCandles}");
        Assert.Equal(600, feed.Stats.LiveCandles + feed.Stats.BackfilledCandles); // each candle produced exactly once
        Assert.Equal(600, ingest.Counters.Stored);
        Assert.Equal(0, await deadLetters.CountAsync());
    }

    public async ValueTask DisposeAsync()
    {
        await _system.Terminate();
        _bed.Dispose();
        _dir.Dispose();
    }
}
