using Fibo.Actors.Domain.MarketData;
using Fibo.Actors.Infrastructure.MarketData.Files;
using Fibo.Messages.Primitives;

namespace Fibo.Actors.Infrastructure.MarketData.Import;

/// <summary>
/// How to import: an explicit series for every file, whether to skip invalid rows (default: refuse the whole import),
/// the write mode (import = upsert, stream = insert-or-ignore) and an optional source label for every row.
/// </summary>
public sealed record CandleImportOptions(SeriesKey? Series = null, bool SkipInvalid = false, CandleWriteMode Mode = CandleWriteMode.Import, string? Source = null);

/// <summary>One series of one file: rows parsed, rows valid (offered to the store).</summary>
public sealed record ImportedSeries(SeriesKey Key, string Source, int Parsed, int Valid);

/// <summary>One file: its format and timestamp unit, its series, the rows skipped with their reasons, and notes.</summary>
public sealed record ImportedFile(
    string Path,
    CandleFileFormat Format,
    TimestampUnit? Unit,
    IReadOnlyList<ImportedSeries> Series,
    IReadOnlyList<CandleIssue> Issues,
    IReadOnlyList<string> Notes)
{
    /// <summary>Distinct rows skipped (one row may have several issues).</summary>
    public int SkippedRows => Issues.Select(i => i.Line).Distinct().Count();
}

/// <summary>The outcome of an import: per file, and the totals written in the one transaction.</summary>
public sealed record ImportReport(string Store, CandleWriteMode Mode, IReadOnlyList<ImportedFile> Files, long RowsOffered, long RowsWritten)
{
    public int SkippedRows => Files.Sum(f => f.SkippedRows);
}

/// <summary>Progress of an import: <see cref="Phase"/> is "read" (per file) or "write" (rows).</summary>
public readonly record struct ImportProgress(string Phase, string? File, long Done, long Total);
