using System.CommandLine;
using System.Reflection;
using Spectre.Console;

namespace Fibo.Node.Cli;

internal static class VersionCommand
{
    public static Command Create()
    {
        var command = new Command("version", "Print the Fibo version and runtime");
        CliAction.Set(command, (parse, _) =>
        {
            var version = typeof(VersionCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
            var info = new { fibo = version, runtime = Environment.Version.ToString(), os = Environment.OSVersion.ToString() };
            if (parse.GetValue(CliOptions.Json)) CliConsole.WriteJson(info);
            else CliConsole.Out.WriteLine($"fibo {info.fibo} (.NET {info.runtime}, {info.os})");
            return Task.FromResult(0);
        });
        return command;
    }
}
