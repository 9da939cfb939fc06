using Confluent.Kafka;
using Fibo.Actors.Domain;
using Fibo.Actors.Hosting;
using Fibo.Actors.Hosting.Options;
using Fibo.Actors.Infrastructure.Binance;
using Fibo.Actors.Infrastructure.Binance.MarketData;
using Fibo.Actors.Infrastructure.Binance.Simulator;
using Fibo.Actors.Infrastructure.Binance.Streams;
using Fibo.Actors.Infrastructure.Binance.Trading;
using Fibo.Actors.Infrastructure.Kafka;
using Fibo.Actors.Infrastructure.MarketData;
using Fibo.Actors.Infrastructure.Trading;
using Fibo.Actors.Tests.Support;
using Fibo.Messages.Primitives;
using Fibo.Messages.Trading;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using static Fibo.Actors.Tests.Infrastructure.Binance.BinanceTestMarkets;

namespace Fibo.Actors.Tests.Hosting;

/// <summary><c>Fibo:Binance</c> configuration and the hosting extensions a node uses to run the feed and the broker.</summary>
public sealed class BinanceHostingTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private FiboOptions Load(Dictionary<string, string> env) =>
        FiboOptionsLoader.Load(FiboConfiguration.Build(null, _dir.Path, null, env));

    [Fact]
    public void Binance_endpoints_default_to_the_real_exchange_and_are_configurable()
    {
        var defaults = Load([]);
        Assert.Equal("https://api.binance.com", defaults.Binance.RestBaseUrl);
        Assert.Equal("wss://stream.binance.com:9443", defaults.Binance.StreamBaseUrl);

        var testnet = Load(new() { ["Fibo__Binance__RestBaseUrl"] = BinanceOptions.TestnetRestUrl, ["Fibo__Binance__StreamBaseUrl"] = BinanceOptions.TestnetStreamUrl, ["Fibo__Binance__RecvWindowMs"] = "3000" });
        Assert.Equal(("https://testnet.binance.vision", "wss://stream.testnet.binance.vision", 3000),
            (testnet.Binance.RestBaseUrl, testnet.Binance.StreamBaseUrl, testnet.Binance.RecvWindowMs));

        var e = Assert.Throws<InputException>(() => Load(new() { ["Fibo__Binance__StreamBaseUrl"] = "https://stream.binance.com" }));
        Assert.Contains("Fibo:Binance:StreamBaseUrl", e.Message);
        Assert.Contains("ws or wss", e.Message);
        Assert.Contains("Fibo:Binance:RecvWindowMs", Assert.Throws<InputException>(() => Load(new() { ["Fibo__Binance__RecvWindowMs"] = "90000" })).Message);
        var typo = Assert.Throws<InputException>(() => Load(new() { ["Fibo__Binance__RestUrl"] = "http://x" }));
        Assert.Contains("Fibo:Binance:RestUrl is not a known setting", typo.Message);
        var key = Assert.Throws<InputException>(() => Load(new() { ["Fibo__Binance__ApiKey"] = "my-key-in-a-file" }));
        Assert.Contains("FIBO_BINANCE_API_KEY", key.Message);
        Assert.DoesNotContain("my-key-in-a-file", key.Message);
    }

    [Fact]
    public void The_feed_is_configured_under_Fibo_Feed_and_checked_with_the_fix()
    {
        var defaults = Load([]);
        Assert.Equal(FeedSource.None, defaults.Feed.Source);

        var feed = Load(new() { ["Fibo__Feed__Source"] = "Binance", ["Fibo__Feed__Series__0"] = "ETH_BTC-5m", ["Fibo__Feed__Series__1"] = "ltcbtc-1h", ["Fibo__Feed__WarmupCandles"] = "50" });
        Assert.Equal([SeriesKey.Parse("ETH_BTC-5m"), SeriesKey.Parse("LTC_BTC-1h")], feed.Feed.EffectiveSeries(feed.Trading));
        Assert.Equal(50, feed.Feed.WarmupCandles);

        // Without a list, the series the accounts trade.
        var fromAccounts = Load(new() { ["Fibo__Feed__Source"] = "Binance", ["Fibo__Trading__Accounts__0__Id"] = "live", ["Fibo__Trading__Accounts__0__Series__0"] = "XRP_ETH-1m" });
        Assert.Equal([SeriesKey.Parse("XRP_ETH-1m")], fromAccounts.Feed.EffectiveSeries(fromAccounts.Trading));

        Assert.Contains("Fibo:Feed:Series = '(empty)'", Assert.Throws<InputException>(() => Load(new() { ["Fibo__Feed__Source"] = "Binance" })).Message);
        var interval = Assert.Throws<InputException>(() => Load(new() { ["Fibo__Feed__Source"] = "Binance", ["Fibo__Feed__Series__0"] = "ETH_BTC-7m" })).Message;
        Assert.Contains("Fibo:Feed:Series:0 = 'ETH_BTC-7m'", interval);
        Assert.Contains("Binance has no 7m klines", interval);
        Assert.Contains("Fibo:Feed:WarmupCandles", Assert.Throws<InputException>(() => Load(new() { ["Fibo__Feed__WarmupCandles"] = "-1" })).Message);
        Assert.Contains("use one of None, Binance", Assert.Throws<InputException>(() => Load(new() { ["Fibo__Feed__Source"] = "Kraken" })).Message);
        Assert.Contains("Fibo:Feed:Serie is not a known setting", Assert.Throws<InputException>(() => Load(new() { ["Fibo__Feed__Serie__0"] = "ETH_BTC-5m" })).Message);
        Assert.Contains("Fibo:Trading:PaperStepSize", Assert.Throws<InputException>(() => Load(new() { ["Fibo__Trading__PaperStepSize"] = "-0.1" })).Message);
    }

    [Fact]
    public void AddFiboLive_wires_the_feed_the_history_source_and_the_binance_broker_by_role()
    {
        Assert.Empty(new ServiceCollection().AddFiboLive(new FiboOptions())); // a paper node touches nothing of Binance

        var options = new FiboOptions();
        options.Feed.Source = FeedSource.Binance;
        options.Feed.Series = ["ETH_BTC-5m"];
        options.Store.ConnectionString = $"Data Source={_dir.File("candles.db")}";
        options.Trading.Accounts = [new AccountOptions { Id = "paper-1" }, new AccountOptions { Id = "live", Broker = "binance" }];
        var keys = new BinanceCredentials("test-key", "test-secret");

        var all = new ServiceCollection().AddFiboLive(options, keys);
        using (var sp = all.BuildServiceProvider())
        {
            Assert.IsType<BinanceCandleHistorySource>(sp.GetRequiredService<ICandleHistorySource>());
            Assert.Equal(["binance"], sp.GetServices<IBrokerFactory>().Select(f => f.Name));
            Assert.IsType<BinanceBroker>(sp.GetServices<IBrokerFactory>().Single().Create(options.Trading.Accounts[1], options.Trading));
        }
        Assert.Contains(all, d => d.ServiceType == typeof(IHostedService)); // the kline feed (ingest)

        options.Node.Roles = [FiboRoles.Compute]; // gaps from REST; no feed, no broker
        var compute = new ServiceCollection().AddFiboLive(options, keys);
        Assert.Contains(compute, d => d.ServiceType == typeof(ICandleHistorySource));
        Assert.DoesNotContain(compute, d => d.ServiceType == typeof(IHostedService) || d.ServiceType == typeof(IBrokerFactory));

        options.Node.Roles = [FiboRoles.Trading];
        options.Feed.Source = FeedSource.None; // a trading node with a binance account: the broker only
        var trading = new ServiceCollection().AddFiboLive(options, keys);
        Assert.Contains(trading, d => d.ServiceType == typeof(IBrokerFactory));
        Assert.DoesNotContain(trading, d => d.ServiceType == typeof(ICandleHistorySource) || d.ServiceType == typeof(IHostedService));
    }

    [Fact]
    public async Task A_host_runs_the_feed_into_Kafka_and_serves_the_broker()
    {
        await using var sim = await ExchangeSimulatorHost.StartAsync(new ExchangeSimulatorOptions
        {
            Data = RealFiveMinute(),
            Speed = 15_000,
            HistoryCandles = 40,
            PushInterval = TimeSpan.FromMilliseconds(10),
        });
        var options = new FiboOptions();
        options.Kafka.BootstrapServers = KafkaOptions.Embedded;
        options.Kafka.EmbeddedBrokers = 1;
        options.Kafka.Partitions = 2;
        options.Store.ConnectionString = $"Data Source={_dir.File("candles.db")}";
        options.Binance.RestBaseUrl = sim.RestBaseUrl;
        options.Binance.StreamBaseUrl = sim.StreamBaseUrl;
        // The store already holds the first 10 candles: the feed resumes after them and backfills the rest of the history.
        await using (var store = CandleStores.Open(options.Store.ConnectionString))
            await store.WriteAsync(EthBtc5m, sim.Market.AllCandles(EthBtc5m).Take(10).ToList(), CandleWriteMode.Import, "test");

        using var host = Host.CreateDefaultBuilder()
            .ConfigureServices(services => services
                .AddFiboKafka(options)
                .AddFiboBinance(options, sim.Credentials())
                .AddBinanceKlineFeed(options, [EthBtc5m], new KlineFeedOptions { MinReconnectDelay = TimeSpan.FromMilliseconds(20) }))
            .Build();
        await host.StartAsync();
        try
        {
            var endpoint = host.Services.GetRequiredService<KafkaEndpoint>();
            using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
            {
                BootstrapServers = endpoint.BootstrapServers, GroupId = "hosting-test", AutoOffsetReset = AutoOffsetReset.Earliest,
            }).Build();
            consumer.Subscribe(options.Kafka.Topic);
            var openTimes = new List<long>();
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (openTimes.Count < 290 && DateTime.UtcNow < deadline)
            {
                var record = consumer.Consume(TimeSpan.FromMilliseconds(200));
                if (record is null) continue;
                Assert.Equal("ETH_BTC-5m", record.Message.Key);
                var decoded = CandleKafkaCodec.Decode(record.Message.Key, record.Message.Value, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
                Assert.True(decoded.Ok, decoded.Error);
                openTimes.Add(decoded.Candle.OpenTime);
            }
            consumer.Close();
            var expected = sim.Market.AllCandles(EthBtc5m).Skip(10).Select(c => c.OpenTime).ToList();
            Assert.Equal(expected, openTimes);

            var broker = host.Services.GetRequiredService<BinanceBroker>();
            var report = await broker.SubmitAsync(new BrokerOrderRequest("fibo-hosted", EthBtc5m, OrderSide.Buy, 0.1m, 0));
            Assert.Equal(BrokerOrderState.Filled, report.State);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    public void Dispose() => _dir.Dispose();
}
