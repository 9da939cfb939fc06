using Confluent.Kafka;
using Fibo.Actors.Domain;
using Fibo.Actors.Hosting;
using Fibo.Actors.Hosting.Options;
using Fibo.Actors.Infrastructure.Binance;
using Fibo.Actors.Infrastructure.Binance.Simulator;
using Fibo.Actors.Infrastructure.Binance.Streams;
using Fibo.Actors.Infrastructure.Binance.Trading;
using Fibo.Actors.Infrastructure.Kafka;
using Fibo.Actors.Infrastructure.MarketData;
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
