using System.CommandLine;
using Fibo.Actors.Domain;
using Fibo.Actors.Hosting.Options;
using Fibo.Actors.Infrastructure.Kafka;

namespace Fibo.Node.Cli.Node;

/// <summary>
/// <c>fibo replay --input FILE | --db DB [--speed X]</c>: publishes history into the candle topic of a running Kafka (a real
/// one from configuration, or the embedded one a <c>fibo run</c> node printed, given with <c>--bootstrap</c>), with progress.
/// </summary>
internal static class ReplayCommand
{
    public static Command Create()
    {
        var replay = new ReplayOptions("--input");
        var bootstrap = new Option<string?>("--bootstrap") { Description = "Kafka bootstrap servers (default: Fibo:Kafka:BootstrapServers), e.g. the address 'fibo run' prints" };
        var topic = new Option<string?>("--topic") { Description = "Candle topic (default: Fibo:Kafka:Topic, fibo.candles)" };
        var command = new Command("replay", "Publish candle history (files or a store) into Kafka as a market, at --speed times real time, with progress");
        replay.AddTo(command);
        command.Options.Add(bootstrap);
        command.Options.Add(topic);
        CliAction.Set(command, async (parse, ct) =>
        {
            if (!replay.Requested(parse)) throw new InputException("nothing to replay: give --input FILE (repeatable) or --db DB");
            var options = FiboOptionsLoader.Load(FiboConfiguration.Build([]));
            var servers = parse.GetValue(bootstrap) ?? options.Kafka.BootstrapServers;
            if (string.Equals(servers, KafkaOptions.Embedded, StringComparison.OrdinalIgnoreCase))
                throw new InputException("replay publishes to a running Kafka: pass --bootstrap HOST:PORT (a 'fibo run' node prints its embedded Kafka's address; 'fibo kafka-dev' runs one) or set Fibo:Kafka:BootstrapServers");
            var topicName = parse.GetValue(topic) ?? options.Kafka.Topic;
            var market = await replay.LoadMarketAsync(parse, ct);
            var published = await ReplayOptions.PublishAsync(servers, topicName, market, parse.GetValue(replay.Speed), ct);
            if (parse.GetValue(CliOptions.Json))
                CliConsole.WriteJson(new
                {
                    published,
                    topic = topicName,
                    bootstrapServers = servers,
                    series = market.GroupBy(c => c.Series.ToString()).Select(g => new { series = g.Key, candles = g.Count(), first = g.First().Candle.OpenTime, last = g.Last().Candle.OpenTime }),
                });
            return 0;
        });
        return command;
    }
}
