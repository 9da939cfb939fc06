using Fibo.Actors.Domain.MarketData;
using Fibo.Messages.Primitives;

namespace Fibo.Actors.Infrastructure.MarketData.Files;

/// <summary>The rows of one series as read from a file, before validation; times already in UTC ms.</summary>
public sealed record CandleFileSeries(SeriesKey Key, string Source, IReadOnlyList<NumberedCandle> Rows);

/// <summary>
/// What a candle file held: its format, the unit its timestamps were in, one or more series, and the rows that could
/// not be parsed at all (<see cref="ParseIssues"/>). <see cref="Notes"/> are facts worth telling the user
/// ("timestamps were in seconds", "no volume column").
/// </summary>
public sealed record CandleFile(
    string Path,
    CandleFileFormat Format,
    TimestampUnit? Unit,
    IReadOnlyList<CandleFileSeries> Series,
    IReadOnlyList<CandleIssue> ParseIssues,
    IReadOnlyList<string> Notes,
    string LineLabel)
{
    public string Name => System.IO.Path.GetFileName(Path);
    public int RowCount => Series.Sum(s => s.Rows.Count);
}

/// <summary>How to read a file: an explicit series (wins over the file name and columns) and source label.</summary>
public sealed record CandleFileReadOptions(SeriesKey? Series = null, string? Source = null);
