using System.CommandLine;
using Spectre.Console;
using Fibo.Actors.Domain;
using Fibo.Actors.Infrastructure.MarketData;
using Fibo.Actors.Infrastructure.MarketData.Files;

namespace Fibo.Node.Cli.Data;

/// <summary><c>fibo data export --db PATH --series KEY --output FILE</c>: freqtrade CSV (or JSON for a .json name), full precision.</summary>
internal static class DataExportCommand
{
    public static Command Create()
    {
        var db = DataCli.Db();
        var series = DataCli.Series();
        var output = new Option<string>("--output", "-o") { Description = "File to write: freqtrade CSV, or JSON arrays for a .json / .json.gz name", Required = true };
        var from = new Option<string?>("--from") { Description = "First open time (ISO-8601 or UTC ms), inclusive" };
        var to = new Option<string?>("--to") { Description = "Last open time (ISO-8601 or UTC ms), inclusive" };
        var command = new Command("export", "Export one series as freqtrade CSV (timestamp,open,high,low,close,volume in ms)");
        command.Options.Add(db);
        command.Options.Add(series);
        command.Options.Add(output);
        command.Options.Add(from);
        command.Options.Add(to);

        CliAction.Set(command, async (parse, ct) =>
        {
            var key = DataCli.ParseSeries(parse.GetValue(series)!);
            long? fromMs = parse.GetValue(from) is { } f ? DataCli.ParseTime(f, "--from") : null;
            long? toMs = parse.GetValue(to) is { } t ? DataCli.ParseTime(t, "--to") : null;
            await using var store = CandleStores.Open(parse.GetValue(db)!, createIfMissing: false);
            var candles = await store.ReadRangeAsync(key, fromMs, toMs, ct: ct);
            if (candles.Count == 0)
            {
                var known = (await store.ListSeriesAsync(ct)).Select(s => s.Key.ToString()).ToList();
                throw new InputException($"{store.Describe} has no candles for {key}{(fromMs is null && toMs is null ? "" : " in that range")}; " +
                                         (known.Count == 0 ? "the database is empty" : "it has: " + string.Join(", ", known)));
            }
            var path = parse.GetValue(output)!;
            int rows = await CandleFileWriter.WriteAsync(path, candles, ct);
            if (parse.GetValue(CliOptions.Json))
                CliConsole.WriteJson(new { series = key.ToString(), rows, output = Path.GetFullPath(path), first = DataCli.Iso(candles[0].OpenTime), last = DataCli.Iso(candles[^1].OpenTime) });
            else
                CliConsole.Out.WriteLine($"Wrote {rows:N0} candles of {key} ({DataCli.Iso(candles[0].OpenTime)} .. {DataCli.Iso(candles[^1].OpenTime)}) to {path}");
            return 0;
        });
        return command;
    }
}
