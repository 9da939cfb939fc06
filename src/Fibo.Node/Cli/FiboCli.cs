using System.CommandLine;
using System.Text.RegularExpressions;

namespace Fibo.Node.Cli;

/// <summary>The <c>fibo</c> command line: composes the verb groups and runs one.</summary>
public static partial class FiboCli
{
    public static RootCommand CreateRootCommand()
    {
        var root = new RootCommand(
            "Fibo: candles → features → LSTM forecasts → paper or live orders, on Akka.NET.\n" +
            "Run 'fibo demo' for the whole pipeline on bundled data, or 'fibo <verb> --help' for a verb.\n" +
            "Inspection verbs take the node first, pbm-style: 'fibo 127.0.0.1:8080 cluster show'.");
        root.Options.Add(CliOptions.Json);
        root.Options.Add(CliOptions.Node);
        foreach (var command in CliCommands.All()) root.Subcommands.Add(command);
        return root;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var root = CreateRootCommand();
        return await root.Parse(RewriteNodePrefix(args)).InvokeAsync();
    }

    /// <summary>pbm grammar: a leading "host:port" becomes "--node host:port".</summary>
    internal static string[] RewriteNodePrefix(string[] args) =>
        args.Length > 0 && NodeAddress().IsMatch(args[0]) ? ["--node", args[0], .. args[1..]] : args;

    [GeneratedRegex(@"^[A-Za-z0-9.\-]+:\d{1,5}$")]
    private static partial Regex NodeAddress();
}
