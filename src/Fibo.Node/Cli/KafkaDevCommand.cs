using System.CommandLine;
using Fibo.Actors.Domain;
using Fibo.Actors.Hosting.Options;
using Fibo.Actors.Infrastructure.Kafka;
using Spectre.Console;

namespace Fibo.Node.Cli;

/// <summary>
/// <c>fibo kafka-dev</c>: a Kafka for development on this machine (librdkafka's mock cluster, real protocol, in memory),
/// kept up until Ctrl+C. The first line of stdout is the bootstrap address, so scripts can capture it
/// (<c>BOOT=$(fibo kafka-dev | head -n 1)</c>) and point <c>Fibo__Kafka__BootstrapServers</c>, kcat or a producer at it.
/// </summary>
internal static class KafkaDevCommand
{
    public static Command Create()
    {
        var defaults = new KafkaOptions();
        var brokers = new Option<int>("--brokers") { Description = "Number of mock brokers", DefaultValueFactory = _ => defaults.EmbeddedBrokers };
        var topic = new Option<string>("--topic") { Description = "Topic to create", DefaultValueFactory = _ => defaults.Topic };
        var partitions = new Option<int>("--partitions") { Description = "Partitions of the topic", DefaultValueFactory = _ => defaults.Partitions };

        var command = new Command("kafka-dev", "Run an in-memory Kafka (librdkafka mock cluster) for development until Ctrl+C; prints its bootstrap address");
        command.Options.Add(brokers);
        command.Options.Add(topic);
        command.Options.Add(partitions);
        CliAction.Set(command, async (parse, ct) =>
        {
            var brokerCount = parse.GetValue(brokers);
            var topicName = parse.GetValue(topic)!;
            var partitionCount = parse.GetValue(partitions);
            if (brokerCount is < 1 or > 16) throw new InputException($"--brokers {brokerCount}: use 1-16 brokers");
            if (partitionCount is < 1 or > 10_000) throw new InputException($"--partitions {partitionCount}: use 1-10000 partitions");
            if (string.IsNullOrWhiteSpace(topicName) || topicName.Length > 249 || !topicName.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
                throw new InputException($"--topic '{topicName}': a Kafka topic name has 1-249 letters, digits, '.', '_' or '-'");

            using var kafka = EmbeddedKafka.Start(brokerCount);
            kafka.CreateTopic(topicName, partitionCount, Math.Min(3, brokerCount));
            if (parse.GetValue(CliOptions.Json))
                CliConsole.WriteJson(new { bootstrapServers = kafka.BootstrapServers, brokers = brokerCount, topic = topicName, partitions = partitionCount });
            else
            {
                Console.Out.WriteLine(kafka.BootstrapServers);
                CliConsole.Error.MarkupLineInterpolated(
                    $"[green]Kafka mock cluster[/] with {brokerCount} brokers, topic [bold]{topicName}[/] ({partitionCount} partitions). Data lives in memory.");
                CliConsole.Error.MarkupLineInterpolated($"Use it: [bold]Fibo__Kafka__BootstrapServers={kafka.BootstrapServers}[/] or kcat -b {kafka.BootstrapServers}");
                CliConsole.Error.MarkupLine("Press Ctrl+C to stop.");
            }
            Console.Out.Flush();
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C is how this verb ends.
            }
            CliConsole.Error.MarkupLine("Kafka mock cluster stopped.");
            return 0;
        });
        return command;
    }
}
