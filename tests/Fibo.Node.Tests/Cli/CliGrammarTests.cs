using Fibo.Node.Cli;
using Fibo.Node.Tests.Support;

namespace Fibo.Node.Tests.Cli;

public class CliGrammarTests
{
    [Fact]
    public void A_leading_host_and_port_becomes_the_node_option_as_in_pbm()
    {
        Assert.Equal(["--node", "127.0.0.1:8080", "cluster", "show"], FiboCli.RewriteNodePrefix(["127.0.0.1:8080", "cluster", "show"]));
        Assert.Equal(["data", "info"], FiboCli.RewriteNodePrefix(["data", "info"]));
    }

    [Fact]
    public async Task Version_prints_json_with_the_runtime()
    {
        var run = await FiboProcess.RunAsync("version", "--json");
        Assert.True(run.ExitCode == 0, run.ToString());
        using var doc = System.Text.Json.JsonDocument.Parse(run.StdOut);
        Assert.Equal(Environment.Version.Major, Version.Parse(doc.RootElement.GetProperty("runtime").GetString()!).Major);
    }

    [Fact]
    public async Task An_unknown_verb_fails_with_a_non_zero_exit()
    {
        var run = await FiboProcess.RunAsync("no-such-verb");
        Assert.NotEqual(0, run.ExitCode);
    }
}
