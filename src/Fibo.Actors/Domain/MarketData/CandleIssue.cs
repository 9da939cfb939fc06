namespace Fibo.Actors.Domain.MarketData;

/// <summary>
/// One rejected input row: which file, which line (or JSON row), which field, the offending value and what is wrong.
/// </summary>
public sealed record CandleIssue(string File, int Line, string Field, string Value, string Problem, string LineLabel = "line")
{
    public override string ToString() => $"{File} {LineLabel} {Line}: field '{Field}' value '{Value}': {Problem}";
}
