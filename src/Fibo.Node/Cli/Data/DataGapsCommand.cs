using System.CommandLine;
using Fibo.Actors.Domain;
using Fibo.Actors.Domain.MarketData;
using Fibo.Actors.Infrastructure.MarketData;
using Fibo.Messages.Primitives;
using Spectre.Console;

namespace Fibo.Node.Cli.Data;

/// <summary>
/// <c>fibo data gaps --db PATH --series KEY</c>: the missing candles of a series and the seed's gap rules; with
/// <c>--fill-from LOWER</c> it fills them from a lower timeframe of the same symbol (complete buckets only).
/// </summary>
internal static class DataGapsCommand
{
    public static Command Create()
    {
        var db = DataCli.Db();
        var series = DataCli.Series();
        var fillFrom = new Option<string?>("--fill-from")
        {
            Description = "Fill the gaps by resampling this lower-timeframe series of the same symbol (e.g. ETH_BTC-1m); incomplete buckets are reported, not written",
        };
        var limit = new Option<int>("--limit") { Description = "Gaps listed in the table (all in --json)", DefaultValueFactory = _ => 30 };
        var command = new Command("gaps", "Show the missing candles of a series (and optionally fill them from a lower timeframe)");
        command.Options.Add(db);
        command.Options.Add(series);
        command.Options.Add(fillFrom);
        command.Options.Add(limit);

        CliAction.Set(command, async (parse, ct) =>
        {
            var key = DataCli.ParseSeries(parse.GetValue(series)!);
            await using var store = CandleStores.Open(parse.GetValue(db)!, createIfMissing: false);
            var times = (await store.ReadRangeAsync(key, ct: ct)).Select(c => c.OpenTime).ToList();
            if (times.Count == 0) throw new InputException($"{store.Describe} has no candles for {key}");
            var report = GapDetector.Detect(key.Timeframe, times);

            GapFill? fill = null;
            SeriesKey? lowerKey = null;
            int written = 0;
            if (parse.GetValue(fillFrom) is { } lowerText)
            {
                lowerKey = DataCli.ParseSeries(lowerText);
                if (lowerKey.Value.Symbol != key.Symbol) throw new InputException($"--fill-from {lowerKey} is another symbol than {key}");
                if (!CandleResampler.CanResample(lowerKey.Value.Timeframe, key.Timeframe, out var reason)) throw new InputException($"--fill-from {lowerKey}: {reason}");
                var lower = report.Gaps.Count == 0 ? [] : await store.ReadRangeAsync(lowerKey.Value, report.Gaps[0].FirstMissingOpenTime,
                    key.Timeframe.Add(report.Gaps[^1].LastMissingOpenTime) - 1, ct: ct);
                fill = GapFiller.Fill(report, lower, lowerKey.Value.Timeframe);
                // Insert-or-ignore: a fill never replaces a real candle that arrived meanwhile.
                written = await store.WriteAsync(key, fill.Filled, CandleWriteMode.Stream, $"resampled_{lowerKey.Value.Timeframe.Code}", ct);
            }

            if (parse.GetValue(CliOptions.Json))
            {
                CliConsole.WriteJson(new
                {
                    series = key.ToString(),
                    rows = report.Rows,
                    first = DataCli.Iso(report.FirstOpenTime),
                    last = DataCli.Iso(report.LastOpenTime),
                    expectedRows = report.ExpectedRows,
                    missingCandles = report.MissingCandles,
                    medianStepMs = report.MedianStepMs,
                    maxGapRuleBreaks = report.MaxGapRuleBreaks,
                    seedGapCount = report.SeedGapCount,
                    gapFraction = report.GapFraction,
                    isContinuous = report.IsContinuous,
                    summary = report.Summary,
                    gaps = report.Gaps.Select(g => new { after = DataCli.Iso(g.AfterOpenTime), next = DataCli.Iso(g.NextOpenTime), afterMs = g.AfterOpenTime, nextMs = g.NextOpenTime, missing = g.MissingCandles }),
                    fill = fill is null ? null : new
                    {
                        from = lowerKey.ToString(),
                        filled = fill.Filled.Count,
                        written,
                        incomplete = fill.Incomplete.Select(b => new { openTime = DataCli.Iso(b.OpenTime), present = b.Present, expected = b.Expected }),
                        unfilled = fill.Unfilled,
                    },
                });
                return 0;
            }

            CliConsole.Out.MarkupLineInterpolated($"[bold]{key}[/]: {report.Rows:N0} candles {DataCli.Iso(report.FirstOpenTime)} .. {DataCli.Iso(report.LastOpenTime)}");
            CliConsole.Out.WriteLine(report.Summary);
            CliConsole.Out.WriteLine($"Median step {TimeSpan.FromMilliseconds(report.MedianStepMs)}; {report.MaxGapRuleBreaks} step(s) exceed {GapDetector.MaxGapMultiplier} × median (sequences must not span them).");
            if (report.Gaps.Count > 0)
            {
                int n = parse.GetValue(limit);
                var table = new Table().AddColumns("After (UTC)", "Next (UTC)", "Missing");
                foreach (var g in report.Gaps.Take(n)) table.AddRow(DataCli.Iso(g.AfterOpenTime), DataCli.Iso(g.NextOpenTime), g.MissingCandles.ToString("N0"));
                CliConsole.Out.Write(table);
                if (report.Gaps.Count > n) CliConsole.Out.WriteLine($"... and {report.Gaps.Count - n} more gaps (--limit, or --json for all)");
            }
            if (fill is not null)
            {
                CliConsole.Out.MarkupLineInterpolated($"Filled [green]{written:N0}[/] candle(s) from {lowerKey}; {fill.Incomplete.Count:N0} slot(s) had incomplete {lowerKey!.Value.Timeframe.Code} data, {fill.Unfilled:N0} had none.");
                foreach (var b in fill.Incomplete.Take(parse.GetValue(limit)))
                    CliConsole.Out.WriteLine($"  incomplete {DataCli.Iso(b.OpenTime)}: {b.Present}/{b.Expected} candles");
            }
            return 0;
        });
        return command;
    }
}
