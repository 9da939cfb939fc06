using System.Text.Json;

namespace Fibo.Actors.Infrastructure.Binance.Trading;

/// <summary>BUY or SELL.</summary>
public enum BinanceSide { Buy, Sell }

/// <summary>The order types we send: MARKET and LIMIT (GTC).</summary>
public enum BinanceOrderType { Market, Limit }

/// <summary>A new order as sent to <c>POST /api/v3/order</c>; the client order id is our idempotency key.</summary>
public sealed record BinanceNewOrder(string Symbol, BinanceSide Side, BinanceOrderType Type, decimal Quantity, decimal? Price, string ClientOrderId);

/// <summary>One execution inside an order's FULL response.</summary>
public sealed record BinanceOrderFill(long TradeId, decimal Price, decimal Quantity, decimal Commission, string CommissionAsset);

/// <summary>An order as Binance reports it (new-order FULL response, query, or cancel).</summary>
public sealed record BinanceOrder(
    string Symbol,
    long OrderId,
    string ClientOrderId,
    decimal Price,
    decimal OrigQty,
    decimal ExecutedQty,
    decimal CumulativeQuoteQty,
    string Status,
    string Type,
    string Side,
    long? Time,
    IReadOnlyList<BinanceOrderFill> Fills)
{
    /// <summary>NEW and PARTIALLY_FILLED can still fill; everything else is final.</summary>
    public bool IsOpen => Status is "NEW" or "PARTIALLY_FILLED" or "PENDING_NEW";

    internal static BinanceOrder Parse(JsonElement e)
    {
        var fills = new List<BinanceOrderFill>();
        if (e.TryGetProperty("fills", out var f) && f.ValueKind == JsonValueKind.Array)
            foreach (var x in f.EnumerateArray())
                fills.Add(new BinanceOrderFill(BinanceJson.LongOrNull(x, "tradeId") ?? 0, BinanceJson.Decimal(x, "price"), BinanceJson.Decimal(x, "qty"),
                    BinanceJson.Decimal(x, "commission"), BinanceJson.String(x, "commissionAsset")));
        // A cancel answers with our id in origClientOrderId and the cancel request's own id in clientOrderId.
        string clientId = e.TryGetProperty("origClientOrderId", out var o) && o.ValueKind == JsonValueKind.String
            ? o.GetString()! : BinanceJson.String(e, "clientOrderId");
        return new BinanceOrder(
            BinanceJson.String(e, "symbol"),
            BinanceJson.Long(e, "orderId"),
            clientId,
            BinanceJson.DecimalOrNull(e, "price") ?? 0,
            BinanceJson.DecimalOrNull(e, "origQty") ?? 0,
            BinanceJson.DecimalOrNull(e, "executedQty") ?? 0,
            BinanceJson.DecimalOrNull(e, "cummulativeQuoteQty") ?? 0,
            BinanceJson.String(e, "status"),
            BinanceJson.String(e, "type"),
            BinanceJson.String(e, "side"),
            BinanceJson.LongOrNull(e, "time") ?? BinanceJson.LongOrNull(e, "transactTime"),
            fills);
    }
}

/// <summary>One of the account's trades (<c>GET /api/v3/myTrades</c>).</summary>
public sealed record BinanceTrade(long Id, string Symbol, long OrderId, decimal Price, decimal Quantity, decimal QuoteQuantity,
    decimal Commission, string CommissionAsset, long Time, bool IsBuyer, bool IsMaker)
{
    internal static BinanceTrade Parse(JsonElement e) => new(
        BinanceJson.Long(e, "id"), BinanceJson.String(e, "symbol"), BinanceJson.Long(e, "orderId"),
        BinanceJson.Decimal(e, "price"), BinanceJson.Decimal(e, "qty"), BinanceJson.DecimalOrNull(e, "quoteQty") ?? 0,
        BinanceJson.Decimal(e, "commission"), BinanceJson.String(e, "commissionAsset"), BinanceJson.Long(e, "time"),
        BinanceJson.Bool(e, "isBuyer"), BinanceJson.Bool(e, "isMaker"));
}

/// <summary>One asset's balance: free to trade and locked in open orders.</summary>
public sealed record BinanceBalance(string Asset, decimal Free, decimal Locked)
{
    public decimal Total => Free + Locked;
}
