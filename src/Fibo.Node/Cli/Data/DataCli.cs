using System.CommandLine;
using System.Globalization;
using Fibo.Actors.Domain;
using Fibo.Actors.Domain.MarketData;
using Fibo.Messages.Primitives;

namespace Fibo.Node.Cli.Data;

/// <summary>Options and parsing shared by the <c>fibo data</c> verbs.</summary>
internal static class DataCli
{
    public static Option<string> Db() => new("--db")
    {
        Description = "Candle database: a SQLite file path, or a PostgreSQL connection string (Host=...;Database=...)",
        Required = true,
    };

    public static Option<string> Series(bool required = true) => new("--series")
    {
        Description = "Series key, e.g. ETH_BTC-5m (also 'ETHBTC 5m', ETH/BTC:5m)",
        Required = required,
    };

    public static SeriesKey ParseSeries(string text) =>
        SeriesKey.TryParse(text, out var key, out var error) ? key : throw new InputException(error);

    /// <summary>A time given as UTC ms, seconds (detected) or an ISO-8601 date (UTC unless it says otherwise).</summary>
    public static long ParseTime(string text, string option)
    {
        var s = text.Trim();
        if (long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)) return TimestampUnits.ToMilliseconds(n);
        if (DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t))
            return t.ToUnixTimeMilliseconds();
        throw new InputException($"{option} '{text}': not a time; use an ISO-8601 date like 2024-01-01T00:00:00Z or UTC milliseconds");
    }

    public static string Iso(long? ms) => ms is { } v ? TimestampUnits.Iso(v) : "";

    /// <summary>Progress bars only for people at a terminal; tests and pipes get the final report only.</summary>
    public static bool ShowProgress => !Console.IsErrorRedirected;
}
