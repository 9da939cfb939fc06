using System.Text.Json;
using Fibo.Actors.Domain;
using Fibo.Messages.MarketData;
using Fibo.Messages.Primitives;

namespace Fibo.Actors.Infrastructure.Binance.Streams;

/// <summary>One kline push: the series it belongs to, the candle so far, and whether Binance closed it (<c>k.x</c>).</summary>
public readonly record struct KlineUpdate(SeriesKey Series, Candle Candle, bool IsClosed, long EventTime);

/// <summary>
/// Binance kline stream names and URLs: <c>ethbtc@kline_5m</c> (symbols lower case; the interval keeps its case, so
/// <c>1M</c> is a month), raw streams at <c>/ws/&lt;name&gt;</c>, combined ones at <c>/stream?streams=a/b/c</c>.
/// </summary>
public static class KlineStreams
{
    /// <summary>Binance allows at most this many streams on one connection.</summary>
    public const int MaxStreamsPerConnection = 1024;

    public static string Name(SeriesKey series)
    {
        if (!series.Timeframe.IsBinanceInterval)
            throw new InputException($"series {series}: {series.Timeframe.Code} is not a Binance kline interval (use one of {string.Join(", ", Timeframe.BinanceIntervals)})");
        return series.Symbol.Exchange.ToLowerInvariant() + "@kline_" + series.Timeframe.Code;
    }

    /// <summary>The combined-stream URL for all <paramref name="series"/> (one connection).</summary>
    public static Uri CombinedUrl(string streamBaseUrl, IReadOnlyCollection<SeriesKey> series)
    {
        if (series.Count == 0) throw new InputException("no series to subscribe to: give at least one series key such as ETH_BTC-5m");
        if (series.Count > MaxStreamsPerConnection)
            throw new InputException($"{series.Count} series on one connection: Binance allows at most {MaxStreamsPerConnection} streams per connection");
        return new Uri(streamBaseUrl.TrimEnd('/') + "/stream?streams=" + string.Join("/", series.Select(Name)));
    }

    /// <summary>The raw-stream URL of one series.</summary>
    public static Uri RawUrl(string streamBaseUrl, SeriesKey series) => new(streamBaseUrl.TrimEnd('/') + "/ws/" + Name(series));

    /// <summary>
    /// Reads a kline event, raw (<c>{"e":"kline",...}</c>) or wrapped by a combined stream (<c>{"stream":...,"data":{...}}</c>).
    /// Returns null for anything else (subscription replies, other event types) and for series not in <paramref name="bySymbolAndInterval"/>.
    /// </summary>
    public static KlineUpdate? Parse(ReadOnlySpan<byte> json, IReadOnlyDictionary<(string Symbol, string Interval), SeriesKey> bySymbolAndInterval)
    {
        var reader = new Utf8JsonReader(json);
        using var doc = JsonDocument.ParseValue(ref reader);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object) return null;
        if (root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object) root = data;
        if (!root.TryGetProperty("e", out var e) || e.GetString() != "kline" || !root.TryGetProperty("k", out var k)) return null;

        string symbol = BinanceJson.String(k, "s");
        string interval = BinanceJson.String(k, "i");
        if (!bySymbolAndInterval.TryGetValue((symbol, interval), out var series)) return null;
        bool closed = BinanceJson.Bool(k, "x");
        var candle = new Candle(
            BinanceJson.Long(k, "t"),
            BinanceJson.Double(k.GetProperty("o")),
            BinanceJson.Double(k.GetProperty("h")),
            BinanceJson.Double(k.GetProperty("l")),
            BinanceJson.Double(k.GetProperty("c")),
            BinanceJson.Double(k.GetProperty("v")),
            BinanceJson.Long(k, "T"),
            closed,
            k.TryGetProperty("n", out var n) && n.ValueKind == JsonValueKind.Number ? n.GetInt32() : null);
        return new KlineUpdate(series, candle, closed, BinanceJson.LongOrNull(root, "E") ?? 0);
    }

    /// <summary>The lookup <see cref="Parse"/> needs: (BINANCE SYMBOL, interval code) → series.</summary>
    public static Dictionary<(string Symbol, string Interval), SeriesKey> Index(IEnumerable<SeriesKey> series) =>
        series.Distinct().ToDictionary(s => (s.Symbol.Exchange, s.Timeframe.Code));
}
