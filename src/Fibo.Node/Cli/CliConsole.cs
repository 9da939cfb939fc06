using System.Text.Json;
using Spectre.Console;

namespace Fibo.Node.Cli;

/// <summary>Where the CLI writes: tables and progress for people, JSON for machines (stdout stays clean with --json).</summary>
internal static class CliConsole
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static IAnsiConsole Out { get; set; } = Unwrapped(AnsiConsole.Console, Console.IsOutputRedirected);

    public static IAnsiConsole Error { get; set; } = Unwrapped(AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(Console.Error),
    }), Console.IsErrorRedirected);

    // Redirected output (pipes, files, tests) has no width: Spectre would wrap every line and table at 80 columns,
    // splitting messages and cells mid-way; give it room so each line stays whole.
    private static IAnsiConsole Unwrapped(IAnsiConsole console, bool redirected)
    {
        if (redirected) console.Profile.Width = 400;
        return console;
    }

    public static void WriteJson<T>(T value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, JsonOptions));
}
