using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fibo.Messages.Primitives;

/// <summary>Writes a <see cref="SeriesKey"/> as "ETH_BTC-5m" (also as a dictionary key).</summary>
public sealed class SeriesKeyJsonConverter : JsonConverter<SeriesKey>
{
    public override SeriesKey Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Parse(reader.GetString());

    public override void Write(Utf8JsonWriter writer, SeriesKey value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());

    public override SeriesKey ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Parse(reader.GetString());

    public override void WriteAsPropertyName(Utf8JsonWriter writer, SeriesKey value, JsonSerializerOptions options) =>
        writer.WritePropertyName(value.ToString());

    private static SeriesKey Parse(string? text) =>
        SeriesKey.TryParse(text, out var key, out var error) ? key : throw new JsonException(error);
}

/// <summary>Writes a <see cref="Symbol"/> as "ETH_BTC".</summary>
public sealed class SymbolJsonConverter : JsonConverter<Symbol>
{
    public override Symbol Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Parse(reader.GetString());

    public override void Write(Utf8JsonWriter writer, Symbol value, JsonSerializerOptions options) => writer.WriteStringValue(value.Display);

    public override Symbol ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Parse(reader.GetString());

    public override void WriteAsPropertyName(Utf8JsonWriter writer, Symbol value, JsonSerializerOptions options) =>
        writer.WritePropertyName(value.Display);

    private static Symbol Parse(string? text) =>
        Symbol.TryParse(text, out var symbol, out var error) ? symbol : throw new JsonException(error);
}

/// <summary>Writes a <see cref="Timeframe"/> as its canonical code ("5m", "1h", "1M").</summary>
public sealed class TimeframeJsonConverter : JsonConverter<Timeframe>
{
    public override Timeframe Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Parse(reader.GetString());

    public override void Write(Utf8JsonWriter writer, Timeframe value, JsonSerializerOptions options) => writer.WriteStringValue(value.Code);

    public override Timeframe ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Parse(reader.GetString());

    public override void WriteAsPropertyName(Utf8JsonWriter writer, Timeframe value, JsonSerializerOptions options) =>
        writer.WritePropertyName(value.Code);

    private static Timeframe Parse(string? text) =>
        Timeframe.TryParse(text, out var tf, out var error) ? tf : throw new JsonException(error);
}
