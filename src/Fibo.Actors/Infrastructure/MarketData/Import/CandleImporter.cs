using Fibo.Actors.Domain.MarketData;
using Fibo.Actors.Infrastructure.MarketData.Files;

namespace Fibo.Actors.Infrastructure.MarketData.Import;

/// <summary>
/// Imports candle files into a store: read every file, validate every series, then write all of them in ONE
/// transaction. By default any invalid row refuses the whole import and nothing is written
/// (<see cref="CandleValidationException"/> lists file, line, field, value); with
/// <see cref="CandleImportOptions.SkipInvalid"/> the valid rows are written and the report lists the skipped ones.
/// </summary>
public sealed class CandleImporter(ICandleStore store)
{
    public const string RefusalFix =
        "Nothing was written. Fix these rows, or pass --skip-invalid to import the valid rows and get a report of the skipped ones.";

    public async Task<ImportReport> ImportAsync(IReadOnlyList<string> paths, CandleImportOptions? options = null,
        IProgress<ImportProgress>? progress = null, CancellationToken ct = default)
    {
        options ??= new CandleImportOptions();
        if (paths.Count == 0) throw new Domain.InputException("no files to import: name one or more candle files (CSV or JSON)");

        var files = new List<ImportedFile>();
        var writes = new List<SeriesWrite>();
        var allIssues = new List<CandleIssue>();
        for (int i = 0; i < paths.Count; i++)
        {
            ct.ThrowIfCancellationRequested();
            progress?.Report(new ImportProgress("read", paths[i], i, paths.Count));
            var file = await Task.Run(() => CandleFileReader.Read(paths[i], new CandleFileReadOptions(options.Series, options.Source)), ct);
            var issues = new List<CandleIssue>(file.ParseIssues);
            var series = new List<ImportedSeries>();
            foreach (var s in file.Series)
            {
                var validation = CandleValidator.Validate(file.Path, s.Key.Timeframe, s.Rows, file.LineLabel);
                issues.AddRange(validation.Issues);
                series.Add(new ImportedSeries(s.Key, s.Source, s.Rows.Count, validation.Valid.Count));
                if (validation.Valid.Count > 0) writes.Add(new SeriesWrite(s.Key, validation.Valid, s.Source));
            }
            issues.Sort((a, b) => a.Line.CompareTo(b.Line));
            allIssues.AddRange(issues);
            files.Add(new ImportedFile(file.Path, file.Format, file.Unit, series, issues, file.Notes));
            progress?.Report(new ImportProgress("read", paths[i], i + 1, paths.Count));
        }

        if (allIssues.Count > 0 && !options.SkipInvalid) throw CandleValidationException.Refusing(allIssues, RefusalFix);

        long offered = writes.Sum(w => (long)w.Candles.Count);
        var rowProgress = progress is null ? null : new RowProgress(done => progress.Report(new ImportProgress("write", null, done, offered)));
        long written = await store.WriteBatchAsync(writes, options.Mode, rowProgress, ct);
        return new ImportReport(store.Describe, options.Mode, files, offered, written);
    }

    /// <summary>Reports on the writer's thread, in order (System.Progress would post to the thread pool).</summary>
    private sealed class RowProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
