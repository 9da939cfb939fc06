using System.CommandLine;
using System.Text.Json;
using Spectre.Console;

namespace Fibo.Node.Cli.Inspect;

/// <summary>
/// Runs an inspection verb against its node: prints the node's JSON with <c>--json</c>, else the verb's lines. A node
/// that cannot be reached or answers an error prints one <c>ERROR:</c> line on stderr and exits
/// <see cref="UnreachableExitCode"/> or <see cref="NodeErrorExitCode"/>.
/// </summary>
internal static class InspectAction
{
    public const int NodeErrorExitCode = 1;

    /// <summary>sysexits' EX_UNAVAILABLE: scripts can tell "no node there" from "the node said no".</summary>
    public const int UnreachableExitCode = 69;

    public static void Set(Command command, Func<ParseResult, NodeClient, CancellationToken, Task<JsonElement>> request, Action<JsonElement> print) =>
        CliAction.Set(command, async (parse, ct) =>
        {
            using var client = new NodeClient(NodeEndpoint.Resolve(parse.GetValue(CliOptions.Node)));
            JsonElement body;
            try
            {
                body = await request(parse, client, ct);
            }
            catch (NodeRequestException e)
            {
                CliConsole.Error.MarkupLineInterpolated($"[red]ERROR:[/] {e.Message}");
                return e.Unreachable ? UnreachableExitCode : NodeErrorExitCode;
            }
            if (parse.GetValue(CliOptions.Json)) Console.Out.WriteLine(JsonSerializer.Serialize(body, CliConsole.JsonOptions));
            else print(body);
            return 0;
        });
}
