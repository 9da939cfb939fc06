using System.Globalization;
using System.Text.Json;

namespace Fibo.Actors.Infrastructure.Binance;

/// <summary>Reading Binance's JSON: numbers arrive as strings ("0.00100000"), times as integers.</summary>
internal static class BinanceJson
{
    public static decimal Decimal(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? Decimal(v) : throw new FormatException($"Binance answer has no '{name}'");

    public static decimal? DecimalOrNull(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? Decimal(v) : null;

    public static decimal Decimal(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => decimal.Parse(v.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture),
        JsonValueKind.Number => v.GetDecimal(),
        _ => throw new FormatException($"expected a decimal, got {v.ValueKind}"),
    };

    public static double Double(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => double.Parse(v.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture),
        JsonValueKind.Number => v.GetDouble(),
        _ => throw new FormatException($"expected a number, got {v.ValueKind}"),
    };

    public static string String(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : throw new FormatException($"Binance answer has no string '{name}'");

    public static long Long(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v.GetInt64() : throw new FormatException($"Binance answer has no '{name}'");

    public static long? LongOrNull(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : null;

    public static bool Bool(JsonElement e, string name, bool fallback = false) =>
        e.TryGetProperty(name, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : fallback;
}
