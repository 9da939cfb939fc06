using System.CommandLine;

namespace Fibo.Node.Cli.Data;

/// <summary><c>fibo data ...</c>: import, export, inspect, check, synthesise and back up candles.</summary>
internal static class DataCommand
{
    public static Command Create()
    {
        var data = new Command("data", "Candle data: import files into the store, export, info, gaps, synthetic data, backup");
        data.Subcommands.Add(DataImportCommand.Create());
        data.Subcommands.Add(DataExportCommand.Create());
        data.Subcommands.Add(DataInfoCommand.Create());
        data.Subcommands.Add(DataGapsCommand.Create());
        data.Subcommands.Add(DataSynthCommand.Create());
        data.Subcommands.Add(DataBackupCommand.Create());
        return data;
    }
}
