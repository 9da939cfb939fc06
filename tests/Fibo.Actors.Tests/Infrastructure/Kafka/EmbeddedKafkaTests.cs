using Confluent.Kafka;
using Fibo.Actors.Infrastructure.Kafka;

namespace Fibo.Actors.Tests.Infrastructure.Kafka;

/// <summary>The embedded broker is librdkafka's mock cluster, reached over the real Kafka protocol.</summary>
public sealed class EmbeddedKafkaTests
{
    [Fact]
    public void Starts_three_brokers_on_loopback_and_reports_them_in_metadata()
    {
        using var kafka = EmbeddedKafka.Start(brokers: 3);
        var addresses = kafka.BootstrapServers.Split(',');
        Assert.Equal(3, addresses.Length);
        Assert.All(addresses, a => Assert.StartsWith("127.0.0.1:", a));

        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = kafka.BootstrapServers }).Build();
        var brokers = admin.GetMetadata(TimeSpan.FromSeconds(10)).Brokers.Select(b => $"{b.Host}:{b.Port}").OrderBy(x => x);
        Assert.Equal(addresses.OrderBy(x => x), brokers);
    }

    [Fact]
    public async Task Created_topic_has_the_requested_partitions_and_auto_created_ones_get_four()
    {
        using var kafka = EmbeddedKafka.Start();
        kafka.CreateTopic("fibo.candles", 6);
        kafka.CreateTopic("fibo.candles", 6); // idempotent

        using (var p = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = kafka.BootstrapServers }).Build())
            await p.ProduceAsync("auto.created", new Message<string, string> { Key = "k", Value = "v" });

        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = kafka.BootstrapServers }).Build();
        Assert.Equal(6, KafkaTopics.PartitionCount(admin, "fibo.candles", TimeSpan.FromSeconds(10)));
        Assert.Equal(4, KafkaTopics.PartitionCount(admin, "auto.created", TimeSpan.FromSeconds(10)));
        Assert.Equal(0, KafkaTopics.PartitionCount(admin, "never.used", TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Ensure_topic_keeps_an_existing_topic_as_it_is()
    {
        using var kafka = EmbeddedKafka.Start();
        kafka.CreateTopic("existing", 3);
        Assert.Equal(3, await KafkaTopics.EnsureTopicAsync(kafka.BootstrapServers, "existing", partitions: 12, replicationFactor: 1));
    }

    [Fact]
    public async Task Disposing_stops_the_brokers()
    {
        string bootstrap;
        using (var kafka = EmbeddedKafka.Start(brokers: 1)) bootstrap = kafka.BootstrapServers;
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrap, SocketTimeoutMs = 1000 }).Build();
        await Assert.ThrowsAsync<KafkaException>(() => Task.Run(() => admin.GetMetadata(TimeSpan.FromSeconds(2))));
    }
}
