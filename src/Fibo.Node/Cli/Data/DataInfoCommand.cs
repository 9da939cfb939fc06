using System.CommandLine;
using Fibo.Actors.Domain.MarketData;
using Fibo.Actors.Infrastructure.MarketData;
using Spectre.Console;

namespace Fibo.Node.Cli.Data;

/// <summary><c>fibo data info --db PATH</c>: per series its key, rows, first and last candle, and gaps.</summary>
internal static class DataInfoCommand
{
    public static Command Create()
    {
        var db = DataCli.Db();
        var command = new Command("info", "List the series in a candle database: rows, first, last, gaps");
        command.Options.Add(db);
        CliAction.Set(command, async (parse, ct) =>
        {
            await using var store = CandleStores.Open(parse.GetValue(db)!, createIfMissing: false);
            var rows = new List<(SeriesInfo Info, GapReport Gaps)>();
            foreach (var info in await store.ListSeriesAsync(ct))
            {
                var times = (await store.ReadRangeAsync(info.Key, ct: ct)).Select(c => c.OpenTime).ToList();
                rows.Add((info, GapDetector.Detect(info.Key.Timeframe, times)));
            }

            if (parse.GetValue(CliOptions.Json))
            {
                CliConsole.WriteJson(new
                {
                    store = store.Describe,
                    series = rows.Select(r => new
                    {
                        key = r.Info.Key.ToString(),
                        symbol = r.Info.Key.Symbol.Exchange,
                        timeframe = r.Info.Key.Timeframe.Code,
                        rows = r.Info.Rows,
                        first = DataCli.Iso(r.Info.FirstOpenTime),
                        last = DataCli.Iso(r.Info.LastOpenTime),
                        firstMs = r.Info.FirstOpenTime,
                        lastMs = r.Info.LastOpenTime,
                        gaps = r.Gaps.Gaps.Count,
                        missingCandles = r.Gaps.MissingCandles,
                    }),
                });
                return 0;
            }
            if (rows.Count == 0)
            {
                CliConsole.Out.WriteLine($"{store.Describe}: no candles");
                return 0;
            }
            var table = new Table().Title(Markup.Escape(store.Describe)).AddColumns("Series", "Rows", "First (UTC)", "Last (UTC)", "Gaps", "Missing");
            foreach (var (info, gaps) in rows)
                table.AddRow(info.Key.ToString(), info.Rows.ToString("N0"), DataCli.Iso(info.FirstOpenTime), DataCli.Iso(info.LastOpenTime),
                    gaps.Gaps.Count.ToString("N0"), gaps.MissingCandles.ToString("N0"));
            CliConsole.Out.Write(table);
            return 0;
        });
        return command;
    }
}
