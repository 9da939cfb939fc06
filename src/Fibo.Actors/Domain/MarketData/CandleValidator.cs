using System.Globalization;
using Fibo.Messages.MarketData;
using Fibo.Messages.Primitives;

namespace Fibo.Actors.Domain.MarketData;

/// <summary>The rows that passed and the issues of those that did not, in input order.</summary>
public sealed record CandleValidation(IReadOnlyList<Candle> Valid, IReadOnlyList<CandleIssue> Issues)
{
    public bool IsValid => Issues.Count == 0;

    /// <summary>How many distinct rows were rejected (a row can have several issues).</summary>
    public int RejectedRows => Issues.Select(i => i.Line).Distinct().Count();
}

/// <summary>
/// Checks candles of one series on every way in: finite numbers, positive prices, non-negative volume, OHLC
/// consistency (high ≥ max(open, close), low ≤ min(open, close)), open times aligned to the timeframe and, for a
/// sequence, strictly increasing (a repeat is a duplicate, an earlier time is out of order). A rejected row never
/// becomes the reference for the ordering checks of later rows.
/// </summary>
public static class CandleValidator
{
    /// <summary>Validates an input sequence (a file) row by row.</summary>
    public static CandleValidation Validate(string file, Timeframe timeframe, IEnumerable<NumberedCandle> rows, string lineLabel = "line")
    {
        var valid = new List<Candle>();
        var validLines = new List<int>();
        var issues = new List<CandleIssue>();
        var rowProblems = new List<(string Field, string Value, string Problem)>(4);

        foreach (var (line, c) in rows)
        {
            rowProblems.Clear();
            CollectValueProblems(c, timeframe, rowProblems);
            if (rowProblems.Count == 0 && valid.Count > 0 && c.OpenTime <= valid[^1].OpenTime)
            {
                int at = BinarySearch(valid, c.OpenTime);
                var ts = c.OpenTime.ToString(CultureInfo.InvariantCulture);
                rowProblems.Add(at >= 0
                    ? ("timestamp", ts, $"duplicate of {lineLabel} {validLines[at]} ({TimestampUnits.Iso(c.OpenTime)})")
                    : ("timestamp", ts, $"out of order: {TimestampUnits.Iso(c.OpenTime)} comes after {TimestampUnits.Iso(valid[^1].OpenTime)} ({lineLabel} {validLines[^1]})"));
            }

            if (rowProblems.Count == 0)
            {
                valid.Add(c);
                validLines.Add(line);
            }
            else
            {
                foreach (var (field, value, problem) in rowProblems) issues.Add(new CandleIssue(file, line, field, value, problem, lineLabel));
            }
        }
        return new CandleValidation(valid, issues);
    }

    /// <summary>True when the candle's own values are sound (no ordering check). Allocation-free for the write path.</summary>
    public static bool IsWellFormed(in Candle c, Timeframe timeframe) =>
        IsPrice(c.Open) && IsPrice(c.High) && IsPrice(c.Low) && IsPrice(c.Close)
        && double.IsFinite(c.Volume) && c.Volume >= 0
        && c.High >= Math.Max(c.Open, c.Close) && c.Low <= Math.Min(c.Open, c.Close)
        && c.OpenTime >= TimestampUnits.SecondsBelow && timeframe.IsAligned(c.OpenTime);

    /// <summary>
    /// Refuses a batch about to be stored when any candle is malformed (values or alignment; order does not matter
    /// to a store). <paramref name="origin"/> names the batch in the message, e.g. "write to ETH_BTC-5m".
    /// </summary>
    public static void EnsureWellFormed(string origin, Timeframe timeframe, IReadOnlyList<Candle> candles)
    {
        List<CandleIssue>? issues = null;
        var problems = new List<(string Field, string Value, string Problem)>(4);
        for (int i = 0; i < candles.Count; i++)
        {
            if (IsWellFormed(candles[i], timeframe)) continue;
            problems.Clear();
            CollectValueProblems(candles[i], timeframe, problems);
            issues ??= new List<CandleIssue>();
            foreach (var (field, value, problem) in problems) issues.Add(new CandleIssue(origin, i + 1, field, value, problem, "candle"));
        }
        if (issues is not null)
            throw CandleValidationException.Refusing(issues, "Only well-formed candles are stored: fix the producer of these candles.");
    }

    /// <summary>Every problem with the candle's own values and its alignment.</summary>
    public static void CollectValueProblems(in Candle c, Timeframe timeframe, List<(string Field, string Value, string Problem)> into)
    {
        int before = into.Count;
        CheckPrice("open", c.Open, into);
        CheckPrice("high", c.High, into);
        CheckPrice("low", c.Low, into);
        CheckPrice("close", c.Close, into);
        if (!double.IsFinite(c.Volume)) into.Add(("volume", Text(c.Volume), "not a finite number"));
        else if (c.Volume < 0) into.Add(("volume", Text(c.Volume), "volume must not be negative"));

        if (into.Count == before)
        {
            double top = Math.Max(c.Open, c.Close), bottom = Math.Min(c.Open, c.Close);
            if (c.High < top) into.Add(("high", Text(c.High), $"high is below max(open, close) = {Text(top)}"));
            if (c.Low > bottom) into.Add(("low", Text(c.Low), $"low is above min(open, close) = {Text(bottom)}"));
        }

        var ts = c.OpenTime.ToString(CultureInfo.InvariantCulture);
        if (c.OpenTime < TimestampUnits.SecondsBelow)
            into.Add(("timestamp", ts, $"open time before {TimestampUnits.Iso(TimestampUnits.SecondsBelow)} in UTC ms: values this small are read as seconds, so they cannot be stored"));
        else if (!timeframe.IsAligned(c.OpenTime))
            into.Add(("timestamp", ts,
                $"{TimestampUnits.Iso(c.OpenTime)} is not aligned to the {timeframe.Code} timeframe (that candle opens at {TimestampUnits.Iso(timeframe.Floor(c.OpenTime))})"));
    }

    private static bool IsPrice(double v) => double.IsFinite(v) && v > 0;

    private static void CheckPrice(string field, double v, List<(string, string, string)> into)
    {
        if (!double.IsFinite(v)) into.Add((field, Text(v), "not a finite number"));
        else if (v <= 0) into.Add((field, Text(v), "price must be positive"));
    }

    private static int BinarySearch(List<Candle> sorted, long openTime)
    {
        int lo = 0, hi = sorted.Count - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            long t = sorted[mid].OpenTime;
            if (t == openTime) return mid;
            if (t < openTime) lo = mid + 1; else hi = mid - 1;
        }
        return -1;
    }

    /// <summary>A value as the user can read and type it: round-trip digits, and NaN / Infinity / -Infinity spelled out.</summary>
    internal static string Text(double v) =>
        double.IsNaN(v) ? "NaN" : double.IsPositiveInfinity(v) ? "Infinity" : double.IsNegativeInfinity(v) ? "-Infinity" : v.ToString("R", CultureInfo.InvariantCulture);
}
