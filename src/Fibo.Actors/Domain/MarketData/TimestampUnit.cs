namespace Fibo.Actors.Domain.MarketData;

/// <summary>The unit a file or a stored row counts its timestamps in. Inside Fibo every time is UTC milliseconds.</summary>
public enum TimestampUnit { Milliseconds, Seconds }

/// <summary>
/// The seconds-vs-milliseconds rule. The seed wrote seconds on most paths and milliseconds on the Kafka path
/// (SEED-SPEC §2.8) and assumed one or the other without checking (§2.6). A value below 10^11 is read as seconds:
/// as milliseconds it would be before 1973-03-03, as seconds it covers every date up to year 5138, so real
/// candle data is never ambiguous.
/// </summary>
public static class TimestampUnits
{
    /// <summary>Values below this are seconds; values at or above it are milliseconds.</summary>
    public const long SecondsBelow = 100_000_000_000L;

    public static TimestampUnit Detect(long value) => value < SecondsBelow ? TimestampUnit.Seconds : TimestampUnit.Milliseconds;

    /// <summary>The value in UTC ms, reading it with the per-value rule.</summary>
    public static long ToMilliseconds(long value) => value < SecondsBelow ? checked(value * 1000) : value;

    public static long ToMilliseconds(long value, TimestampUnit unit) => unit == TimestampUnit.Seconds ? checked(value * 1000) : value;

    /// <summary>ISO-8601 UTC text for messages, e.g. 2018-01-10T05:00:00Z.</summary>
    public static string Iso(long ms) =>
        DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime.ToString(ms % 1000 == 0 ? "yyyy-MM-ddTHH:mm:ssZ" : "yyyy-MM-ddTHH:mm:ss.fffZ",
            System.Globalization.CultureInfo.InvariantCulture);
}
