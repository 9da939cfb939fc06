using Fibo.Node.Tests.Support;

namespace Fibo.Node.Tests.Cli.Bench;

/// <summary><c>fibo bench pipeline</c> through the real executable, shortened: it runs the node and the baseline and reports both.</summary>
public sealed class PipelineBenchTests
{
    [Fact]
    public async Task Pipeline_bench_reports_the_node_against_the_raw_consumer()
    {
        var json = await FiboJson.RunAsync("bench", "pipeline", "--series", "20", "--candles", "120", "--lstm", "both", "--hidden", "8");
        var rows = json.EnumerateArray().ToList();
        Assert.Equal([false, true], rows.Select(r => r.GetProperty("lstm").GetBoolean()));
        foreach (var r in rows)
        {
            Assert.Equal(20 * 120, r.GetProperty("candles").GetInt64());
            Assert.Equal(20 * (120 - 80), r.GetProperty("decisions").GetInt64());
            Assert.True(r.GetProperty("rawConsumerPerSecond").GetDouble() > 0);
            Assert.True(r.GetProperty("pipelinePerSecond").GetDouble() > 0);
            Assert.Equal(r.GetProperty("pipelinePerSecond").GetDouble() / r.GetProperty("rawConsumerPerSecond").GetDouble(), r.GetProperty("ratio").GetDouble(), 9);
            Assert.True(r.GetProperty("decisionP99Ms").GetDouble() >= r.GetProperty("decisionP50Ms").GetDouble());
        }
    }
}
