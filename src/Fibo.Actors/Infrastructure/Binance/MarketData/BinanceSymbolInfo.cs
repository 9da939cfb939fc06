using System.Text.Json;
using Fibo.Actors.Domain.Exchange;

namespace Fibo.Actors.Infrastructure.Binance.MarketData;

/// <summary>One symbol of <c>GET /api/v3/exchangeInfo</c>: its assets, status, order types and filters.</summary>
public sealed record BinanceSymbolInfo(
    string Symbol,
    string Status,
    string BaseAsset,
    string QuoteAsset,
    IReadOnlyList<string> OrderTypes,
    SymbolRules Rules)
{
    public bool IsTrading => Status == "TRADING";

    internal static BinanceSymbolInfo Parse(JsonElement s)
    {
        string symbol = BinanceJson.String(s, "symbol");
        LotSizeRule? lot = null, marketLot = null;
        PriceRule? price = null;
        NotionalRule? notional = null;
        if (s.TryGetProperty("filters", out var filters))
        {
            foreach (var f in filters.EnumerateArray())
            {
                switch (f.GetProperty("filterType").GetString())
                {
                    case "LOT_SIZE":
                        lot = Lot(f);
                        break;
                    case "MARKET_LOT_SIZE":
                        marketLot = Lot(f);
                        break;
                    case "PRICE_FILTER":
                        price = new PriceRule(BinanceJson.Decimal(f, "minPrice"), BinanceJson.Decimal(f, "maxPrice"), BinanceJson.Decimal(f, "tickSize"));
                        break;
                    case "NOTIONAL":
                        notional = new NotionalRule(BinanceJson.Decimal(f, "minNotional"), BinanceJson.Bool(f, "applyMinToMarket", true),
                            BinanceJson.DecimalOrNull(f, "maxNotional"), BinanceJson.Bool(f, "applyMaxToMarket"));
                        break;
                    case "MIN_NOTIONAL" when notional is null:
                        // The older filter, replaced by NOTIONAL; still served for some symbols and by older testnets.
                        notional = new NotionalRule(BinanceJson.Decimal(f, "minNotional"), BinanceJson.Bool(f, "applyToMarket", true), null, false);
                        break;
                }
            }
        }
        var types = s.TryGetProperty("orderTypes", out var t) ? t.EnumerateArray().Select(x => x.GetString()!).ToArray() : [];
        return new BinanceSymbolInfo(symbol, BinanceJson.String(s, "status"), BinanceJson.String(s, "baseAsset"), BinanceJson.String(s, "quoteAsset"),
            types, new SymbolRules(symbol, lot, marketLot, price, notional));
    }

    private static LotSizeRule Lot(JsonElement f) =>
        new(BinanceJson.Decimal(f, "minQty"), BinanceJson.Decimal(f, "maxQty"), BinanceJson.Decimal(f, "stepSize"));
}

/// <summary>What <c>exchangeInfo</c> says: symbols and the IP's request-weight limit.</summary>
public sealed record BinanceExchangeInfo(long ServerTime, IReadOnlyDictionary<string, BinanceSymbolInfo> Symbols, int? RequestWeightPerMinute)
{
    public BinanceSymbolInfo this[string symbol] =>
        Symbols.TryGetValue(symbol, out var s) ? s : throw new KeyNotFoundException($"Binance has no symbol {symbol}");

    internal static BinanceExchangeInfo Parse(JsonElement root)
    {
        var symbols = new Dictionary<string, BinanceSymbolInfo>(StringComparer.Ordinal);
        foreach (var s in root.GetProperty("symbols").EnumerateArray())
        {
            var info = BinanceSymbolInfo.Parse(s);
            symbols[info.Symbol] = info;
        }
        int? weight = null;
        if (root.TryGetProperty("rateLimits", out var limits))
        {
            foreach (var l in limits.EnumerateArray())
            {
                if (l.GetProperty("rateLimitType").GetString() == "REQUEST_WEIGHT" && l.GetProperty("interval").GetString() == "MINUTE"
                    && l.GetProperty("intervalNum").GetInt32() == 1)
                    weight = l.GetProperty("limit").GetInt32();
            }
        }
        return new BinanceExchangeInfo(BinanceJson.LongOrNull(root, "serverTime") ?? 0, symbols, weight);
    }
}
