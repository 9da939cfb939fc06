using System.Text.Json;
using Spectre.Console;

namespace Fibo.Node.Cli;

/// <summary>Where the CLI writes: tables and progress for people, JSON for machines (stdout stays clean with --json).</summary>
internal static class CliConsole
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static IAnsiConsole Out { get; set; } = AnsiConsole.Console;

    public static IAnsiConsole Error { get; set; } = AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(Console.Error),
    });

    public static void WriteJson<T>(T value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, JsonOptions));
}
