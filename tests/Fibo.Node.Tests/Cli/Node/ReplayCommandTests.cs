using System.Text.Json;
using Fibo.Actors.Infrastructure.Kafka;
using Fibo.Node.Tests.Support;

namespace Fibo.Node.Tests.Cli.Node;

/// <summary><c>fibo replay</c> through the real executable into a Kafka that another process runs (<c>fibo kafka-dev</c>).</summary>
public sealed class ReplayCommandTests
{
    [Fact]
    public async Task Replay_publishes_every_candle_of_the_files_into_a_running_kafka()
    {
        await using var kafka = FiboLiveProcess.Start("kafka-dev", "--brokers", "1", "--topic", "replay-test", "--partitions", "4");
        var bootstrap = await kafka.ReadLineAsync(TimeSpan.FromSeconds(30));
        var eth = TempDir.MarketDataFile("ETH_BTC-5m.csv");
        var xrp = TempDir.MarketDataFile("XRP_ETH-5m.csv");

        var json = await FiboJson.RunAsync("replay", "--input", eth, "--input", xrp, "--bootstrap", bootstrap, "--topic", "replay-test");
        Assert.Equal(5_760 + 712, json.GetProperty("published").GetInt64());
        var series = json.GetProperty("series").EnumerateArray().ToDictionary(s => s.GetProperty("series").GetString()!, s => s.GetProperty("candles").GetInt32());
        Assert.Equal(new Dictionary<string, int> { ["ETH_BTC-5m"] = 5_760, ["XRP_ETH-5m"] = 712 }, series);

        // What the broker holds, read back by a bare consumer.
        var read = await RawConsumerBaseline.RunAsync(bootstrap, "replay-test", TimeSpan.FromSeconds(60));
        Assert.Equal(5_760 + 712, read.Messages);
        Assert.Equal(0, await kafka.InterruptAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task Replay_without_a_running_kafka_says_how_to_point_it_at_one()
    {
        var run = await FiboProcess.RunAsync("replay", "--input", TempDir.MarketDataFile("XRP_ETH-5m.csv"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--bootstrap", run.StdErr);
    }
}
