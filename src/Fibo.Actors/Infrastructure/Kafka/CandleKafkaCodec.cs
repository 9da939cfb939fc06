using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Fibo.Messages.MarketData;
using Fibo.Messages.Primitives;

namespace Fibo.Actors.Infrastructure.Kafka;

/// <summary>The result of decoding one Kafka record: a candle of a series, or why not.</summary>
public readonly record struct DecodedCandle(SeriesKey Series, Candle Candle, string? Error)
{
    public bool Ok => Error is null;
}

/// <summary>
/// The <c>fibo.candles</c> record format. Key: the series key string (<c>ETH_BTC-5m</c>, UTF-8). Value: UTF-8 JSON
/// <c>{"openTime":1700000000000,"open":0.05,"high":0.051,"low":0.049,"close":0.0505,"volume":12.5,"closeTime":1700000299999,"closed":true}</c>
/// (+ <c>"trades"</c> when known): UTC ms timestamps, numbers as JSON numbers. The decoder also reads the seed's producer
/// payload (SEED-SPEC §3.2: <c>ts</c>, <c>o/h/l/c/v</c> as strings, <c>symbol</c>/<c>timeframe</c> in the value and no key).
/// </summary>
public static class CandleKafkaCodec
{
    public static string EncodeKey(SeriesKey series) => series.ToString();

    public static byte[] EncodeValue(in Candle c)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(192);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteNumber("openTime", c.OpenTime);
            w.WriteNumber("open", c.Open);
            w.WriteNumber("high", c.High);
            w.WriteNumber("low", c.Low);
            w.WriteNumber("close", c.Close);
            w.WriteNumber("volume", c.Volume);
            w.WriteNumber("closeTime", c.CloseTime);
            w.WriteBoolean("closed", c.IsClosed);
            if (c.Trades is { } trades) w.WriteNumber("trades", trades);
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Decodes and checks a record (never throws): undecodable or insane candles come back with the reason.</summary>
    public static DecodedCandle Decode(string? key, ReadOnlySpan<byte> value, long nowMs)
    {
        Fields f;
        try
        {
            f = ReadFields(value);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or ArgumentException)
        {
            return new(default, default, $"undecodable value: {e.Message}");
        }

        SeriesKey series;
        if (!string.IsNullOrWhiteSpace(key))
        {
            if (!SeriesKey.TryParse(key, out series, out var keyError)) return new(default, default, $"bad key: {keyError}");
        }
        else if (f.Symbol is not null && f.Timeframe is not null)
        {
            if (!SeriesKey.TryParse($"{f.Symbol.Replace("/", "_")}-{f.Timeframe}", out series, out var keyError))
                return new(default, default, $"bad symbol/timeframe in value: {keyError}");
        }
        else return new(default, default, "no series: the record has no key and no symbol/timeframe in its value");

        string? missing = f.OpenTime is null ? "openTime" : f.Open is null ? "open" : f.High is null ? "high"
            : f.Low is null ? "low" : f.Close is null ? "close" : f.Volume is null ? "volume" : null;
        if (missing is not null) return new(series, default, $"undecodable value: field '{missing}' is missing");

        var open = f.OpenTime!.Value;
        var closeTime = f.CloseTime ?? (series.Timeframe.IsCalendar ? series.Timeframe.Add(open) - 1 : open + series.Timeframe.Milliseconds - 1);
        var candle = new Candle(open, f.Open!.Value, f.High!.Value, f.Low!.Value, f.Close!.Value, f.Volume!.Value, closeTime,
            f.Closed ?? true, f.Trades);
        var problem = CandleWireValidation.Problem(series, candle, nowMs);
        return new(series, candle, problem is null ? null : $"invalid candle: {problem}");
    }

    private struct Fields
    {
        public long? OpenTime, CloseTime;
        public double? Open, High, Low, Close, Volume;
        public bool? Closed;
        public int? Trades;
        public string? Symbol, Timeframe;
    }

    private static Fields ReadFields(ReadOnlySpan<byte> value)
    {
        var r = new Utf8JsonReader(value);
        if (!r.Read() || r.TokenType != JsonTokenType.StartObject) throw new JsonException("the value is not a JSON object");
        var f = new Fields();
        while (r.Read() && r.TokenType != JsonTokenType.EndObject)
        {
            if (r.TokenType != JsonTokenType.PropertyName) throw new JsonException("malformed JSON object");
            var name = r.GetString();
            r.Read();
            switch (name)
            {
                case "openTime" or "ts" or "t": f.OpenTime = Int64(ref r, name); break;
                case "closeTime" or "T": f.CloseTime = Int64(ref r, name); break;
                case "open" or "o": f.Open = Double(ref r, name); break;
                case "high" or "h": f.High = Double(ref r, name); break;
                case "low" or "l": f.Low = Double(ref r, name); break;
                case "close" or "c": f.Close = Double(ref r, name); break;
                case "volume" or "v": f.Volume = Double(ref r, name); break;
                case "closed" or "x": f.Closed = r.TokenType == JsonTokenType.Null ? null : r.GetBoolean(); break;
                case "trades" or "n": f.Trades = r.TokenType == JsonTokenType.Null ? null : checked((int)Int64(ref r, name)); break;
                case "symbol" or "s": f.Symbol = r.GetString(); break;
                case "timeframe" or "i": f.Timeframe = r.GetString(); break;
                default: r.Skip(); break;
            }
        }
        if (r.TokenType != JsonTokenType.EndObject) throw new JsonException("truncated JSON object");
        return f;
    }

    private static long Int64(ref Utf8JsonReader r, string? name) => r.TokenType switch
    {
        JsonTokenType.Number when r.TryGetInt64(out var v) => v,
        JsonTokenType.String when long.TryParse(r.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) => v,
        _ => throw new FormatException($"field '{name}' is not a whole number"),
    };

    // Numbers as JSON numbers; numeric strings too (the seed sent Binance's strings). "NaN" strings parse and are then
    // rejected by validation with a clear reason.
    private static double Double(ref Utf8JsonReader r, string? name) => r.TokenType switch
    {
        JsonTokenType.Number => r.GetDouble(),
        JsonTokenType.String when double.TryParse(r.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) => v,
        _ => throw new FormatException($"field '{name}' is not a number"),
    };
}
