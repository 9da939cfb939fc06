using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Fibo.Messages.Primitives;

/// <summary>
/// One candle series: symbol + timeframe. Prints "ETH_BTC-5m" (the file names in data/ and the Kafka key);
/// parses "ETH_BTC-5m", "ETHBTC 5m", "ETH/BTC:5m" and "ETH_BTC_5m".
/// </summary>
[JsonConverter(typeof(SeriesKeyJsonConverter))]
public readonly partial record struct SeriesKey(Symbol Symbol, Timeframe Timeframe)
{
    public override string ToString() => $"{Symbol.Display}-{Timeframe.Code}";

    public static SeriesKey Parse(string text) =>
        TryParse(text, out var key, out var error) ? key : throw new FormatException(error);

    public static bool TryParse(string? text, out SeriesKey key) => TryParse(text, out key, out _);

    public static bool TryParse(string? text, out SeriesKey key, out string error)
    {
        key = default;
        var s = (text ?? "").Trim();
        var m = KeyPattern().Match(s);
        if (!m.Success)
        {
            error = $"invalid series key '{text}': expected SYMBOL-TIMEFRAME such as ETH_BTC-5m, 'ETHBTC 5m' or ETH/BTC:5m";
            return false;
        }
        if (!Symbol.TryParse(m.Groups["sym"].Value, out var symbol, out error)) { error = $"invalid series key '{text}': {error}"; return false; }
        if (!Timeframe.TryParse(m.Groups["tf"].Value, out var tf, out error)) { error = $"invalid series key '{text}': {error}"; return false; }
        key = new SeriesKey(symbol, tf);
        error = "";
        return true;
    }

    // The timeframe is the last token after '-', ':', ' ' or '_' (a timeframe never contains those characters).
    [GeneratedRegex(@"^(?<sym>[A-Za-z0-9]+(?:[_/-][A-Za-z0-9]+)?)\s*[-:\s_]\s*(?<tf>\d+\s*[A-Za-z]+)$")]
    private static partial Regex KeyPattern();
}
