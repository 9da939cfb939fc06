using System.Globalization;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Fibo.Messages.Primitives;

/// <summary>The unit a timeframe counts in. Months are calendar months, so they have no fixed length.</summary>
public enum TimeframeUnit { Second, Minute, Hour, Day, Week, Month }

/// <summary>
/// A candle interval. Canonical codes are Binance's (1s, 1m, 3m, 5m, 15m, 30m, 1h, 2h, 4h, 6h, 8h, 12h, 1d, 3d,
/// 1w, 1M). Upper-case <c>M</c> is a month, lower-case <c>m</c> a minute: the seed lower-cased everything and read
/// "1M" as 60 s, which we fix. The seed's other spellings (1min, 60m, 1H, daily, "5 minutes", …) are accepted and
/// normalised to the largest whole unit ("60m" → "1h").
/// </summary>
[JsonConverter(typeof(TimeframeJsonConverter))]
public readonly partial record struct Timeframe
{
    public const long MsPerSecond = 1_000, MsPerMinute = 60_000, MsPerHour = 3_600_000, MsPerDay = 86_400_000, MsPerWeek = 604_800_000;

    /// <summary>Every interval Binance serves, in ascending order.</summary>
    public static readonly IReadOnlyList<Timeframe> BinanceIntervals =
        new[] { "1s", "1m", "3m", "5m", "15m", "30m", "1h", "2h", "4h", "6h", "8h", "12h", "1d", "3d", "1w", "1M" }
            .Select(Parse).ToArray();

    public int Count { get; }
    public TimeframeUnit Unit { get; }

    public Timeframe(int count, TimeframeUnit unit)
    {
        if (count <= 0) throw new ArgumentOutOfRangeException(nameof(count), count, "a timeframe counts at least one unit");
        (Count, Unit) = Normalise(count, unit);
    }

    public static Timeframe M1 => new(1, TimeframeUnit.Minute);
    public static Timeframe M5 => new(5, TimeframeUnit.Minute);
    public static Timeframe H1 => new(1, TimeframeUnit.Hour);

    /// <summary>The canonical code, e.g. "5m", "1h", "1M".</summary>
    public string Code => Count.ToString(CultureInfo.InvariantCulture) + Unit switch
    {
        TimeframeUnit.Second => "s", TimeframeUnit.Minute => "m", TimeframeUnit.Hour => "h",
        TimeframeUnit.Day => "d", TimeframeUnit.Week => "w", _ => "M",
    };

    public override string ToString() => Code;

    /// <summary>True for the calendar-month timeframes, whose length varies.</summary>
    public bool IsCalendar => Unit == TimeframeUnit.Month;

    /// <summary>True if Binance serves this interval.</summary>
    public bool IsBinanceInterval => BinanceIntervals.Contains(this);

    /// <summary>Fixed length in ms; for months, 30 days (only for rough sizing: use <see cref="Add"/> for real arithmetic).</summary>
    public long ApproximateMilliseconds => Unit switch
    {
        TimeframeUnit.Second => Count * MsPerSecond,
        TimeframeUnit.Minute => Count * MsPerMinute,
        TimeframeUnit.Hour => Count * MsPerHour,
        TimeframeUnit.Day => Count * MsPerDay,
        TimeframeUnit.Week => Count * MsPerWeek,
        _ => Count * 30 * MsPerDay,
    };

    /// <summary>Fixed length in ms. Throws for months, which have none.</summary>
    public long Milliseconds => IsCalendar
        ? throw new InvalidOperationException($"timeframe {Code} is a calendar month and has no fixed length")
        : ApproximateMilliseconds;

    /// <summary>The seed's <c>timeframe_to_seconds</c> for fixed timeframes.</summary>
    public long Seconds => Milliseconds / MsPerSecond;

    /// <summary>The open time <paramref name="n"/> candles after <paramref name="openTimeMs"/>.</summary>
    public long Add(long openTimeMs, long n = 1)
    {
        if (!IsCalendar) return openTimeMs + n * Milliseconds;
        var t = DateTimeOffset.FromUnixTimeMilliseconds(openTimeMs).AddMonths(checked((int)(n * Count)));
        return t.ToUnixTimeMilliseconds();
    }

    /// <summary>The candle open time that contains <paramref name="timeMs"/> (UTC).</summary>
    public long Floor(long timeMs)
    {
        if (IsCalendar)
        {
            var d = DateTimeOffset.FromUnixTimeMilliseconds(timeMs);
            int monthIndex = d.Year * 12 + d.Month - 1;
            monthIndex -= ((monthIndex % Count) + Count) % Count;
            return new DateTimeOffset(monthIndex / 12, monthIndex % 12 + 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        }
        // Weeks open on Monday (1970-01-05 is the first Monday after the epoch), as Binance's 1w candles do.
        long origin = Unit == TimeframeUnit.Week ? 4 * MsPerDay : 0;
        long len = Milliseconds;
        long rel = timeMs - origin;
        long q = rel / len;
        if (rel % len < 0) q--;
        return q * len + origin;
    }

    /// <summary>True when <paramref name="openTimeMs"/> is a candle boundary of this timeframe.</summary>
    public bool IsAligned(long openTimeMs) => Floor(openTimeMs) == openTimeMs;

    /// <summary>How many whole candles lie from <paramref name="fromOpenMs"/> to <paramref name="toOpenMs"/> (both aligned).</summary>
    public long CandlesBetween(long fromOpenMs, long toOpenMs)
    {
        if (!IsCalendar) return (toOpenMs - fromOpenMs) / Milliseconds;
        var a = DateTimeOffset.FromUnixTimeMilliseconds(fromOpenMs);
        var b = DateTimeOffset.FromUnixTimeMilliseconds(toOpenMs);
        return ((b.Year - a.Year) * 12 + b.Month - a.Month) / Count;
    }

    public static Timeframe Parse(string text) =>
        TryParse(text, out var tf, out var error) ? tf : throw new FormatException(error);

    public static bool TryParse(string? text, out Timeframe timeframe) => TryParse(text, out timeframe, out _);

    public static bool TryParse(string? text, out Timeframe timeframe, out string error)
    {
        timeframe = default;
        var s = (text ?? "").Trim();
        if (s.Length == 0) { error = "timeframe is empty; expected a code like 1m, 5m, 1h, 1d, 1w or 1M"; return false; }

        switch (s.ToLowerInvariant())
        {
            case "daily": timeframe = new(1, TimeframeUnit.Day); error = ""; return true;
            case "weekly": timeframe = new(1, TimeframeUnit.Week); error = ""; return true;
            case "monthly": timeframe = new(1, TimeframeUnit.Month); error = ""; return true;
            case "hourly": timeframe = new(1, TimeframeUnit.Hour); error = ""; return true;
        }

        var m = CodePattern().Match(s);
        if (!m.Success || !int.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= 0)
        {
            error = $"invalid timeframe '{text}': expected a code like 1m, 5m, 15m, 1h, 4h, 1d, 1w or 1M (month)";
            return false;
        }
        var unitText = m.Groups[2].Value;
        TimeframeUnit? unit = unitText switch
        {
            "M" or "mo" or "mon" or "month" or "months" => TimeframeUnit.Month,
            _ => unitText.ToLowerInvariant() switch
            {
                "s" or "sec" or "secs" or "second" or "seconds" => TimeframeUnit.Second,
                "m" or "min" or "mins" or "minute" or "minutes" or "t" => TimeframeUnit.Minute,
                "h" or "hr" or "hrs" or "hour" or "hours" => TimeframeUnit.Hour,
                "d" or "day" or "days" => TimeframeUnit.Day,
                "w" or "wk" or "week" or "weeks" => TimeframeUnit.Week,
                "mo" or "month" or "months" => TimeframeUnit.Month,
                _ => null,
            },
        };
        if (unit is null)
        {
            error = $"invalid timeframe '{text}': unknown unit '{unitText}' (use s, m, h, d, w, or M for months)";
            return false;
        }
        timeframe = new Timeframe(n, unit.Value);
        error = "";
        return true;
    }

    private static (int, TimeframeUnit) Normalise(int count, TimeframeUnit unit)
    {
        // Promote to the largest unit that divides evenly (60m → 1h, 24h → 1d, 7d → 1w); months stay months.
        while (true)
        {
            switch (unit)
            {
                case TimeframeUnit.Second when count % 60 == 0: count /= 60; unit = TimeframeUnit.Minute; continue;
                case TimeframeUnit.Minute when count % 60 == 0: count /= 60; unit = TimeframeUnit.Hour; continue;
                case TimeframeUnit.Hour when count % 24 == 0: count /= 24; unit = TimeframeUnit.Day; continue;
                case TimeframeUnit.Day when count % 7 == 0: count /= 7; unit = TimeframeUnit.Week; continue;
            }
            return (count, unit);
        }
    }

    [GeneratedRegex(@"^(\d+)\s*([A-Za-z]+)$")]
    private static partial Regex CodePattern();
}
