namespace Fibo.Actors.Domain.MarketData;

/// <summary>
/// An input held invalid rows and was refused as a whole (nothing was written). The message names the first rows
/// (file, line, field, value, problem) and the fix; <see cref="Issues"/> has them all.
/// </summary>
public sealed class CandleValidationException(IReadOnlyList<CandleIssue> issues, string message) : InputException(message)
{
    public IReadOnlyList<CandleIssue> Issues { get; } = issues;

    /// <summary>How many issues the message lists before "... and N more".</summary>
    public const int ListedInMessage = 10;

    public static CandleValidationException Refusing(IReadOnlyList<CandleIssue> issues, string fix)
    {
        var files = issues.Select(i => i.File).Distinct().ToList();
        var rows = issues.Select(i => (i.File, i.Line)).Distinct().Count();
        var lines = issues.Take(ListedInMessage).Select(i => "  " + i).ToList();
        if (issues.Count > ListedInMessage) lines.Add($"  ... and {issues.Count - ListedInMessage} more");
        var message = $"{string.Join(", ", files)}: {rows} invalid row(s), nothing was written.{Environment.NewLine}" +
                      string.Join(Environment.NewLine, lines) + Environment.NewLine + fix;
        return new CandleValidationException(issues, message);
    }
}
