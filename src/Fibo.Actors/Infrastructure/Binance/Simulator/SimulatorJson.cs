using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Fibo.Actors.Infrastructure.Binance.MarketData;
using Fibo.Messages.MarketData;
using Fibo.Messages.Primitives;

namespace Fibo.Actors.Infrastructure.Binance.Simulator;

/// <summary>Binance's JSON shapes, written field by field so names, order and number formats match the real API.</summary>
internal static class SimulatorJson
{
    public static string D(decimal value) => value.ToString("0.00000000", CultureInfo.InvariantCulture);

    public static string D(double value) => value.ToString("0.00000000", CultureInfo.InvariantCulture);

    public static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer)) write(w);
        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] Error(int code, string msg) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("code", code);
        w.WriteString("msg", msg);
        w.WriteEndObject();
    });

    /// <summary>One <c>GET /api/v3/klines</c> row.</summary>
    public static void KlineRow(Utf8JsonWriter w, Candle c, long tfMs)
    {
        w.WriteStartArray();
        w.WriteNumberValue(c.OpenTime);
        w.WriteStringValue(D(c.Open));
        w.WriteStringValue(D(c.High));
        w.WriteStringValue(D(c.Low));
        w.WriteStringValue(D(c.Close));
        w.WriteStringValue(D(c.Volume));
        w.WriteNumberValue(c.OpenTime + tfMs - 1);
        w.WriteStringValue(D(c.Volume * c.Close));
        w.WriteNumberValue(c.Trades ?? 0);
        w.WriteStringValue(D(c.Volume / 2));
        w.WriteStringValue(D(c.Volume * c.Close / 2));
        w.WriteStringValue("0");
        w.WriteEndArray();
    }

    /// <summary>A kline stream event, raw or wrapped for a combined stream.</summary>
    public static byte[] KlineEvent(SeriesKey series, string streamName, Candle c, bool closed, long eventTime, bool combined, long firstTradeId) => Write(w =>
    {
        long tfMs = series.Timeframe.Milliseconds;
        if (combined)
        {
            w.WriteStartObject();
            w.WriteString("stream", streamName);
            w.WritePropertyName("data");
        }
        w.WriteStartObject();
        w.WriteString("e", "kline");
        w.WriteNumber("E", eventTime);
        w.WriteString("s", series.Symbol.Exchange);
        w.WriteStartObject("k");
        w.WriteNumber("t", c.OpenTime);
        w.WriteNumber("T", c.OpenTime + tfMs - 1);
        w.WriteString("s", series.Symbol.Exchange);
        w.WriteString("i", series.Timeframe.Code);
        w.WriteNumber("f", firstTradeId);
        w.WriteNumber("L", firstTradeId + Math.Max(0, (c.Trades ?? 0) - 1));
        w.WriteString("o", D(c.Open));
        w.WriteString("c", D(c.Close));
        w.WriteString("h", D(c.High));
        w.WriteString("l", D(c.Low));
        w.WriteString("v", D(c.Volume));
        w.WriteNumber("n", c.Trades ?? 0);
        w.WriteBoolean("x", closed);
        w.WriteString("q", D(c.Volume * c.Close));
        w.WriteString("V", D(c.Volume / 2));
        w.WriteString("Q", D(c.Volume * c.Close / 2));
        w.WriteString("B", "0");
        w.WriteEndObject();
        w.WriteEndObject();
        if (combined) w.WriteEndObject();
    });

    public static void SymbolInfo(Utf8JsonWriter w, BinanceSymbolInfo s)
    {
        w.WriteStartObject();
        w.WriteString("symbol", s.Symbol);
        w.WriteString("status", s.Status);
        w.WriteString("baseAsset", s.BaseAsset);
        w.WriteNumber("baseAssetPrecision", 8);
        w.WriteString("quoteAsset", s.QuoteAsset);
        w.WriteNumber("quotePrecision", 8);
        w.WriteNumber("quoteAssetPrecision", 8);
        w.WriteNumber("baseCommissionPrecision", 8);
        w.WriteNumber("quoteCommissionPrecision", 8);
        w.WriteStartArray("orderTypes");
        foreach (var t in s.OrderTypes) w.WriteStringValue(t);
        w.WriteEndArray();
        w.WriteBoolean("icebergAllowed", false);
        w.WriteBoolean("ocoAllowed", false);
        w.WriteBoolean("quoteOrderQtyMarketAllowed", false);
        w.WriteBoolean("allowTrailingStop", false);
        w.WriteBoolean("cancelReplaceAllowed", false);
        w.WriteBoolean("isSpotTradingAllowed", true);
        w.WriteBoolean("isMarginTradingAllowed", false);
        w.WriteStartArray("filters");
        var r = s.Rules;
        if (r.Price is { } p)
        {
            w.WriteStartObject();
            w.WriteString("filterType", "PRICE_FILTER");
            w.WriteString("minPrice", D(p.MinPrice));
            w.WriteString("maxPrice", D(p.MaxPrice));
            w.WriteString("tickSize", D(p.TickSize));
            w.WriteEndObject();
        }
        if (r.LotSize is { } l) Lot(w, "LOT_SIZE", l);
        if (r.MarketLotSize is { } m) Lot(w, "MARKET_LOT_SIZE", m);
        if (r.Notional is { } n)
        {
            w.WriteStartObject();
            w.WriteString("filterType", "NOTIONAL");
            w.WriteString("minNotional", D(n.MinNotional));
            w.WriteBoolean("applyMinToMarket", n.ApplyMinToMarket);
            w.WriteString("maxNotional", D(n.MaxNotional ?? 9000000m));
            w.WriteBoolean("applyMaxToMarket", n.ApplyMaxToMarket);
            w.WriteNumber("avgPriceMins", 5);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("permissions");
        w.WriteEndArray();
        w.WriteStartArray("permissionSets");
        w.WriteStartArray();
        w.WriteStringValue("SPOT");
        w.WriteEndArray();
        w.WriteEndArray();
        w.WriteString("defaultSelfTradePreventionMode", "EXPIRE_MAKER");
        w.WriteEndObject();
    }

    private static void Lot(Utf8JsonWriter w, string type, Domain.Exchange.LotSizeRule l)
    {
        w.WriteStartObject();
        w.WriteString("filterType", type);
        w.WriteString("minQty", D(l.MinQty));
        w.WriteString("maxQty", D(l.MaxQty));
        w.WriteString("stepSize", D(l.StepSize));
        w.WriteEndObject();
    }

    /// <summary>The order fields every order answer shares.</summary>
    private static void OrderCore(Utf8JsonWriter w, SimulatedOrderSnapshot o)
    {
        w.WriteString("price", D(o.Price));
        w.WriteString("origQty", D(o.OrigQty));
        w.WriteString("executedQty", D(o.ExecutedQty));
        w.WriteString("cummulativeQuoteQty", D(o.CumulativeQuoteQty));
        w.WriteString("status", o.Status);
        w.WriteString("timeInForce", o.TimeInForce ?? "GTC");
        w.WriteString("type", o.Type);
        w.WriteString("side", o.Side);
    }

    /// <summary>New-order answer in ACK, RESULT or FULL form.</summary>
    public static byte[] NewOrder(SimulatedOrderSnapshot o, string responseType) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("symbol", o.Symbol);
        w.WriteNumber("orderId", o.Id);
        w.WriteNumber("orderListId", -1);
        w.WriteString("clientOrderId", o.ClientOrderId);
        w.WriteNumber("transactTime", o.Time);
        if (responseType != "ACK")
        {
            OrderCore(w, o);
            w.WriteNumber("workingTime", o.Time);
            w.WriteString("origQuoteOrderQty", D(0m));
            w.WriteString("selfTradePreventionMode", "EXPIRE_MAKER");
        }
        if (responseType == "FULL")
        {
            w.WriteStartArray("fills");
            foreach (var t in o.Trades)
            {
                w.WriteStartObject();
                w.WriteString("price", D(t.Price));
                w.WriteString("qty", D(t.Quantity));
                w.WriteString("commission", D(t.Commission));
                w.WriteString("commissionAsset", t.CommissionAsset);
                w.WriteNumber("tradeId", t.Id);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        w.WriteEndObject();
    });

    /// <summary>Query-order shape (also each element of openOrders).</summary>
    public static void QueriedOrder(Utf8JsonWriter w, SimulatedOrderSnapshot o)
    {
        w.WriteStartObject();
        w.WriteString("symbol", o.Symbol);
        w.WriteNumber("orderId", o.Id);
        w.WriteNumber("orderListId", -1);
        w.WriteString("clientOrderId", o.ClientOrderId);
        OrderCore(w, o);
        w.WriteString("stopPrice", D(0m));
        w.WriteString("icebergQty", D(0m));
        w.WriteNumber("time", o.Time);
        w.WriteNumber("updateTime", o.UpdateTime);
        w.WriteBoolean("isWorking", true);
        w.WriteNumber("workingTime", o.Time);
        w.WriteString("origQuoteOrderQty", D(0m));
        w.WriteString("selfTradePreventionMode", "EXPIRE_MAKER");
        w.WriteEndObject();
    }

    public static byte[] CanceledOrder(SimulatedOrderSnapshot o, string cancelClientOrderId, long now) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("symbol", o.Symbol);
        w.WriteString("origClientOrderId", o.ClientOrderId);
        w.WriteNumber("orderId", o.Id);
        w.WriteNumber("orderListId", -1);
        w.WriteString("clientOrderId", cancelClientOrderId);
        w.WriteNumber("transactTime", now);
        OrderCore(w, o);
        w.WriteString("selfTradePreventionMode", "EXPIRE_MAKER");
        w.WriteEndObject();
    });

    public static void Trade(Utf8JsonWriter w, SimulatedTrade t)
    {
        w.WriteStartObject();
        w.WriteString("symbol", t.Symbol);
        w.WriteNumber("id", t.Id);
        w.WriteNumber("orderId", t.OrderId);
        w.WriteNumber("orderListId", -1);
        w.WriteString("price", D(t.Price));
        w.WriteString("qty", D(t.Quantity));
        w.WriteString("quoteQty", D(t.QuoteQuantity));
        w.WriteString("commission", D(t.Commission));
        w.WriteString("commissionAsset", t.CommissionAsset);
        w.WriteNumber("time", t.Time);
        w.WriteBoolean("isBuyer", t.Side == "BUY");
        w.WriteBoolean("isMaker", t.IsMaker);
        w.WriteBoolean("isBestMatch", true);
        w.WriteEndObject();
    }
}
