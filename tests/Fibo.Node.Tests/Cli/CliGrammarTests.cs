using Fibo.Node.Cli;

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
        var output = new StringWriter();
        var original = Console.Out;
        Console.SetOut(output);
        try
        {
            Assert.Equal(0, await FiboCli.RunAsync(["version", "--json"]));
        }
        finally
        {
            Console.SetOut(original);
        }
        using var doc = System.Text.Json.JsonDocument.Parse(output.ToString());
        Assert.Equal(Environment.Version.ToString(), doc.RootElement.GetProperty("runtime").GetString());
    }
}
