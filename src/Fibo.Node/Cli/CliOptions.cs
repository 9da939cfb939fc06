using System.CommandLine;

namespace Fibo.Node.Cli;

/// <summary>Options shared by every verb.</summary>
internal static class CliOptions
{
    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Print machine-readable JSON on stdout instead of tables",
        Recursive = true,
    };

    public static readonly Option<string?> Node = new("--node")
    {
        Description = "Node to inspect, host:port of its HTTP endpoint (pbm style: 'fibo 127.0.0.1:8080 cluster show')",
        Recursive = true,
    };
}
