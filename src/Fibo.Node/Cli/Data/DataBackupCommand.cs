using System.CommandLine;
using Spectre.Console;
using Fibo.Actors.Infrastructure.MarketData;

namespace Fibo.Node.Cli.Data;

/// <summary><c>fibo data backup --db PATH --to PATH</c>: an online copy into a SQLite replica file (the seed's replica DB).</summary>
internal static class DataBackupCommand
{
    public static Command Create()
    {
        var db = DataCli.Db();
        var to = new Option<string>("--to") { Description = "Replica SQLite file to write (replaced if it exists)", Required = true };
        var command = new Command("backup", "Copy the candle database online into a SQLite replica file");
        command.Options.Add(db);
        command.Options.Add(to);
        CliAction.Set(command, async (parse, ct) =>
        {
            await using var store = CandleStores.Open(parse.GetValue(db)!, createIfMissing: false);
            var replica = parse.GetValue(to)!;
            await store.BackupToAsync(replica, ct);
            await using var copy = new SqliteCandleStore(replica, createIfMissing: false);
            var series = await copy.ListSeriesAsync(ct);
            long rows = series.Sum(s => s.Rows);
            if (parse.GetValue(CliOptions.Json))
                CliConsole.WriteJson(new { source = store.Describe, replica = copy.Path, series = series.Count, rows, bytes = new FileInfo(copy.Path).Length });
            else
                CliConsole.Out.WriteLine($"Backed up {store.Describe} to {copy.Path}: {series.Count} series, {rows:N0} candles.");
            return 0;
        });
        return command;
    }
}
