using Confluent.Kafka;
using Fibo.Actors.Hosting;
using Fibo.Actors.Hosting.Options;
using Fibo.Actors.Infrastructure.Kafka;
using Akka.Actor;
using Akka.Streams;
using Fibo.Actors.Infrastructure.DeadLetters;
using Fibo.Actors.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Fibo.Actors.Tests.Infrastructure.Kafka;

public sealed class KafkaEndpointTests
{
    [Fact]
    public async Task Embedded_setting_starts_a_mock_cluster_with_the_candle_topic_and_the_container_stops_it()
    {
        var options = new FiboOptions();
        options.Kafka.Partitions = 5;
        string bootstrap;
        await using (var provider = new ServiceCollection().AddFiboKafka(options).BuildServiceProvider())
        {
            var endpoint = provider.GetRequiredService<KafkaEndpoint>();
            Assert.True(endpoint.IsEmbedded);
            bootstrap = endpoint.BootstrapServers;
            using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrap }).Build();
            Assert.Equal(5, KafkaTopics.PartitionCount(admin, "fibo.candles", TimeSpan.FromSeconds(10)));
        }
        using var after = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrap, SocketTimeoutMs = 1000 }).Build();
        Assert.ThrowsAny<KafkaException>(() => after.GetMetadata(TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public async Task Default_options_carry_candles_from_the_producer_to_an_entity_through_the_embedded_kafka()
    {
        using var dir = new TempDirectory();
        var options = new FiboOptions();
        options.Kafka.GroupId = "wiring-" + Guid.NewGuid().ToString("N")[..8];
        using var endpoint = await KafkaEndpoint.StartAsync(options.Kafka);
        var market = KafkaTestBed.Market(["ETH_BTC-5m", "XRP_ETH-1m"], perSeries: 10);
        using (var producer = new CandleKafkaProducer(endpoint.BootstrapServers, options.Kafka.Topic))
            foreach (var c in market) await producer.ProduceAsync(c.Series, c.Candle);

        using var system = ActorSystem.Create("wiring", "akka.loglevel = WARNING");
        var log = new IngestTargetLog();
        var target = system.ActorOf(Props.Create(() => new IngestTargetActor(log, TimeSpan.Zero, null, null)));
        await using var deadLetters = new SqliteDeadLetterStore($"Data Source={dir.File("dead.db")}");
        var ingest = CandleIngestStream.Run(options.Kafka, endpoint.BootstrapServers, target, deadLetters, system.Materializer());
        await Eventually.True(() => ingest.Counters.Stored == market.Count, TimeSpan.FromSeconds(30), () => $"stored {ingest.Counters.Stored}");
        await ingest.StopAsync();
        Assert.Equal(market.Count, log.Acked.Count);
        await system.Terminate();
    }

    [Fact]
    public async Task Broker_list_uses_those_brokers_and_keeps_an_existing_topic()
    {
        using var broker = EmbeddedKafka.Start(); // stands in for a real cluster reached by address
        broker.CreateTopic("fibo.candles", 3);
        var options = new KafkaOptions { BootstrapServers = broker.BootstrapServers, Partitions = 8 };
        using var endpoint = await KafkaEndpoint.StartAsync(options);
        Assert.False(endpoint.IsEmbedded);
        Assert.Equal(broker.BootstrapServers, endpoint.BootstrapServers);
        Assert.Equal(3, endpoint.CandlePartitions);
    }
}
