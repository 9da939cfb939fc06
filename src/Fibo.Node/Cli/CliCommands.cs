using System.CommandLine;

namespace Fibo.Node.Cli;

/// <summary>Every verb group of the CLI. Add a group here when it lands; each lives in its own file.</summary>
internal static class CliCommands
{
    public static IEnumerable<Command> All()
    {
        yield return VersionCommand.Create();
        yield return BacktestCommand.Create();
    }
}
