using System.CommandLine;
using Fibo.Actors.Domain;
using Spectre.Console;

namespace Fibo.Node.Cli;

/// <summary>
/// Wraps a verb's action: bad input (<see cref="InputException"/>) prints one clear line and exits 2; anything else
/// prints the error and exits 1. Cancellation (Ctrl+C) exits 130.
/// </summary>
internal static class CliAction
{
    public static void Set(Command command, Func<ParseResult, CancellationToken, Task<int>> action) =>
        command.SetAction(async (parse, ct) =>
        {
            try
            {
                return await action(parse, ct);
            }
            catch (InputException e)
            {
                CliConsole.Error.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
                return 2;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                CliConsole.Error.MarkupLine("[yellow]cancelled[/]");
                return 130;
            }
            catch (Exception e)
            {
                CliConsole.Error.MarkupLineInterpolated($"[red]failed:[/] {e.GetType().Name}: {e.Message}");
                Serilog.Log.Debug(e, "verb {Verb} failed", command.Name);
                return 1;
            }
        });
}
