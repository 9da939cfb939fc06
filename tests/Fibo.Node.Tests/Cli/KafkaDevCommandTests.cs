using Confluent.Kafka;
using Fibo.Node.Tests.Support;

namespace Fibo.Node.Tests.Cli;

public class KafkaDevCommandTests
{
    [Fact]
    public async Task Prints_a_bootstrap_address_other_processes_can_use_and_stops_on_ctrl_c()
    {
        await using var fibo = FiboLiveProcess.Start("kafka-dev", "--partitions", "3", "--topic", "dev.candles");
        var bootstrap = await fibo.ReadLineAsync(TimeSpan.FromSeconds(60));
        Assert.Matches(@"^127\.0\.0\.1:\d+(,127\.0\.0\.1:\d+){2}$", bootstrap);

        // This test process is "another process": it produces and consumes through the printed address.
        using (var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrap }).Build())
        {
            var topic = admin.GetMetadata(TimeSpan.FromSeconds(10)).Topics.Single(t => t.Topic == "dev.candles");
            Assert.Equal(3, topic.Partitions.Count);
        }
        using (var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = bootstrap }).Build())
            await producer.ProduceAsync("dev.candles", new Message<string, string> { Key = "ETH_BTC-5m", Value = "{}" });
        using (var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig
               { BootstrapServers = bootstrap, GroupId = "t", AutoOffsetReset = AutoOffsetReset.Earliest }).Build())
        {
            consumer.Subscribe("dev.candles");
            var record = consumer.Consume(TimeSpan.FromSeconds(20));
            Assert.Equal("ETH_BTC-5m", record?.Message.Key);
            consumer.Close();
        }

        Assert.Equal(0, await fibo.InterruptAsync(TimeSpan.FromSeconds(20)));
        Assert.Contains("stopped", fibo.StdErr);
    }

    [Fact]
    public async Task Bad_partition_count_is_a_clear_error()
    {
        var run = await FiboProcess.RunAsync("kafka-dev", "--partitions", "0");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--partitions 0", run.StdErr);
    }
}
