using System.Globalization;
using Fibo.Actors.Domain.MarketData;

namespace Fibo.Actors.Infrastructure.MarketData.Files;

/// <summary>Number and timestamp parsing shared by the readers; lenient about spelling, strict about meaning.</summary>
internal static class CandleNumbers
{
    /// <summary>A double; "nan", "inf" and friends parse to NaN/∞ so the validator can name them precisely.</summary>
    public static bool TryParseDouble(string text, out double value)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value)) return true;
        switch (text.Trim().ToLowerInvariant())
        {
            case "nan": case "-nan": case "+nan": value = double.NaN; return true;
            case "inf": case "+inf": case "infinity": case "+infinity": value = double.PositiveInfinity; return true;
            case "-inf": case "-infinity": value = double.NegativeInfinity; return true;
            default: value = 0; return false;
        }
    }

    /// <summary>
    /// A timestamp: an integer (or an integral float such as pandas' "1515560100000.0") is returned raw with
    /// <paramref name="isNumeric"/> true so the caller applies the file's unit; an ISO-8601 date is returned in ms.
    /// </summary>
    public static bool TryParseTimestamp(string text, out long value, out bool isNumeric)
    {
        var s = text.Trim();
        isNumeric = true;
        if (long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value)) return true;
        if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            && double.IsFinite(d) && Math.Floor(d) == d && Math.Abs(d) < 9e15)
        {
            value = (long)d;
            return true;
        }
        isNumeric = false;
        if (s.Length >= 10 && char.IsAsciiDigit(s[0])
            && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t))
        {
            value = t.ToUnixTimeMilliseconds();
            return true;
        }
        value = 0;
        return false;
    }

    public const string TimestampHelp = "not a timestamp (expected UTC milliseconds, seconds, or an ISO-8601 date)";

    /// <summary>Tracks the file's timestamp unit (decided by its first numeric timestamp) and converts to ms.</summary>
    public sealed class UnitTracker
    {
        public TimestampUnit? Unit { get; private set; }

        /// <summary>The value in ms, or null with a problem when its magnitude disagrees with the file's unit.</summary>
        public long? ToMilliseconds(long raw, out string? problem)
        {
            problem = null;
            var unit = TimestampUnits.Detect(raw);
            Unit ??= unit;
            if (unit != Unit)
            {
                problem = $"looks like {Describe(unit)} while the file's first timestamp is in {Describe(Unit.Value)}; one file must use one unit";
                return null;
            }
            try { return TimestampUnits.ToMilliseconds(raw, unit); }
            catch (OverflowException) { problem = "timestamp is out of range"; return null; }
        }

        private static string Describe(TimestampUnit u) => u == TimestampUnit.Seconds ? "seconds" : "milliseconds";
    }

    public static string Clip(string s, int max = 80) => s.Length <= max ? s : s[..max] + "…";
}
