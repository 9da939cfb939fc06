using System.CommandLine;
using Fibo.Actors.Domain.MarketData;
using Fibo.Actors.Infrastructure.MarketData;
using Fibo.Actors.Infrastructure.MarketData.Files;
using Fibo.Actors.Infrastructure.MarketData.Import;
using Spectre.Console;

namespace Fibo.Node.Cli.Data;

/// <summary>
/// <c>fibo data import --db PATH FILE...</c>: validates every file, then writes all of them in one transaction.
/// A bad row refuses the whole import (nothing written) unless <c>--skip-invalid</c>.
/// </summary>
internal static class DataImportCommand
{
    private const int IssuesShown = 50;

    public static Command Create()
    {
        var db = DataCli.Db();
        var files = new Argument<string[]>("files") { Description = "Candle files: freqtrade CSV/JSON (.json.gz too), the seed's CSV exports", Arity = ArgumentArity.OneOrMore };
        var series = DataCli.Series(required: false);
        series.Description = "Series for every file (default: from each file's name, e.g. ETH_BTC-5m.csv, or its symbol/timeframe columns)";
        var skipInvalid = new Option<bool>("--skip-invalid") { Description = "Import the valid rows and report the skipped ones (default: refuse the whole import)" };
        var mode = new Option<string>("--mode")
        {
            Description = "import: upsert (replace stored candles and their source); stream: insert-or-ignore (never change a stored candle)",
            DefaultValueFactory = _ => "import",
        };
        mode.AcceptOnlyFromAmong("import", "stream");
        var source = new Option<string?>("--source") { Description = "Source label stored on every row (default: from the file's format or source column)" };

        var command = new Command("import", "Import candle files into the store (one transaction for all files)");
        command.Options.Add(db);
        command.Arguments.Add(files);
        command.Options.Add(series);
        command.Options.Add(skipInvalid);
        command.Options.Add(mode);
        command.Options.Add(source);

        CliAction.Set(command, async (parse, ct) =>
        {
            bool json = parse.GetValue(CliOptions.Json);
            var key = parse.GetValue(series) is { } s ? DataCli.ParseSeries(s) : (Fibo.Messages.Primitives.SeriesKey?)null;
            var options = new CandleImportOptions(key, parse.GetValue(skipInvalid),
                parse.GetValue(mode) == "stream" ? CandleWriteMode.Stream : CandleWriteMode.Import, parse.GetValue(source));
            var paths = parse.GetValue(files)!;

            await using var store = CandleStores.Open(parse.GetValue(db)!);
            var importer = new CandleImporter(store);
            ImportReport report;
            try
            {
                report = DataCli.ShowProgress && !json
                    ? await WithProgress(importer, paths, options, ct)
                    : await importer.ImportAsync(paths, options, null, ct);
            }
            catch (CandleValidationException e) when (json)
            {
                CliConsole.WriteJson(new { error = "invalid rows; nothing was written", fix = CandleImporter.RefusalFix, issues = e.Issues.Select(IssueJson) });
                return 2;
            }

            if (json) CliConsole.WriteJson(ToJson(report));
            else Print(report);
            return 0;
        });
        return command;
    }

    private static async Task<ImportReport> WithProgress(CandleImporter importer, string[] paths, CandleImportOptions options, CancellationToken ct)
    {
        ImportReport? report = null;
        await CliConsole.Error.Progress().AutoClear(true).StartAsync(async ctx =>
        {
            var read = ctx.AddTask("read + validate", maxValue: paths.Length);
            var write = ctx.AddTask("write", maxValue: 1);
            var progress = new InlineProgress(p =>
            {
                if (p.Phase == "read") read.Value = p.Done;
                else { write.MaxValue = Math.Max(1, p.Total); write.Value = p.Done; }
            });
            report = await importer.ImportAsync(paths, options, progress, ct);
            write.Value = write.MaxValue;
        });
        return report!;
    }

    private sealed class InlineProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }

    private static void Print(ImportReport report)
    {
        var table = new Table().AddColumns("File", "Format", "Timestamps", "Series", "Rows", "Valid", "Skipped");
        foreach (var f in report.Files)
            foreach (var s in f.Series)
                table.AddRow(Markup.Escape(Path.GetFileName(f.Path)), f.Format.Label(), f.Unit is TimestampUnit.Seconds ? "seconds → ms" : "ms",
                    s.Key.ToString(), s.Parsed.ToString("N0"), s.Valid.ToString("N0"), (s.Parsed - s.Valid).ToString("N0"));
        CliConsole.Out.Write(table);
        foreach (var f in report.Files)
            foreach (var note in f.Notes)
                CliConsole.Out.MarkupLineInterpolated($"[grey]note:[/] {Path.GetFileName(f.Path)}: {note}");

        var issues = report.Files.SelectMany(f => f.Issues).ToList();
        if (issues.Count > 0)
        {
            CliConsole.Out.MarkupLineInterpolated($"[yellow]skipped {report.SkippedRows} invalid row(s):[/]");
            foreach (var i in issues.Take(IssuesShown)) CliConsole.Out.WriteLine("  " + i);
            if (issues.Count > IssuesShown) CliConsole.Out.WriteLine($"  ... and {issues.Count - IssuesShown} more (--json lists all)");
        }
        var verb = report.Mode == CandleWriteMode.Stream ? "inserted (existing candles kept)" : "upserted";
        CliConsole.Out.MarkupLineInterpolated(
            $"[green]{report.RowsWritten:N0}[/] of {report.RowsOffered:N0} valid row(s) {verb} into {report.Store} in one transaction.");
    }

    internal static object IssueJson(CandleIssue i) => new { file = i.File, line = i.Line, unit = i.LineLabel, field = i.Field, value = i.Value, problem = i.Problem };

    private static object ToJson(ImportReport r) => new
    {
        store = r.Store,
        mode = r.Mode.ToString().ToLowerInvariant(),
        rowsOffered = r.RowsOffered,
        rowsWritten = r.RowsWritten,
        skippedRows = r.SkippedRows,
        files = r.Files.Select(f => new
        {
            path = f.Path,
            format = f.Format.Label(),
            timestampUnit = f.Unit?.ToString().ToLowerInvariant(),
            convertedFromSeconds = f.Unit == TimestampUnit.Seconds,
            series = f.Series.Select(s => new { key = s.Key.ToString(), source = s.Source, rows = s.Parsed, valid = s.Valid, skipped = s.Parsed - s.Valid }),
            skippedRows = f.SkippedRows,
            issues = f.Issues.Select(IssueJson),
            notes = f.Notes,
        }),
    };
}
