using Fibo.Actors.Infrastructure.Binance.Rest;

namespace Fibo.Actors.Infrastructure.Binance.Trading;

/// <summary>
/// Binance's signed spot endpoints (HMAC-SHA256, timestamp from the synced clock, recvWindow). A new order is sent
/// once: a 5xx or timeout surfaces as <see cref="BinanceUnknownOutcomeException"/> for the caller to resolve with
/// <see cref="QueryOrderAsync"/>. Queries, cancels and account reads are retried (they change nothing or are idempotent).
/// </summary>
public sealed class BinanceSpotTrading(BinanceHttp http)
{
    public BinanceHttp Http { get; } = http;

    /// <summary><c>POST /api/v3/order</c> with <c>newClientOrderId</c> and a FULL response (fills included). Weight 1.</summary>
    public async Task<BinanceOrder> PlaceOrderAsync(BinanceNewOrder order, CancellationToken ct = default)
    {
        var q = new BinanceQuery()
            .Add("symbol", order.Symbol)
            .Add("side", order.Side == BinanceSide.Buy ? "BUY" : "SELL")
            .Add("type", order.Type == BinanceOrderType.Market ? "MARKET" : "LIMIT");
        if (order.Type == BinanceOrderType.Limit) q.Add("timeInForce", "GTC");
        q.Add("quantity", order.Quantity);
        if (order.Type == BinanceOrderType.Limit) q.Add("price", order.Price);
        q.Add("newClientOrderId", order.ClientOrderId).Add("newOrderRespType", "FULL");
        using var doc = await Http.SendSignedAsync(HttpMethod.Post, "/api/v3/order", q, 1, idempotent: false, ct);
        return BinanceOrder.Parse(doc.RootElement);
    }

    /// <summary><c>GET /api/v3/order</c> by <c>origClientOrderId</c>; null on a definitive -2013 "Order does not exist". Weight 4.</summary>
    public async Task<BinanceOrder?> QueryOrderAsync(string symbol, string clientOrderId, CancellationToken ct = default)
    {
        var q = new BinanceQuery().Add("symbol", symbol).Add("origClientOrderId", clientOrderId);
        try
        {
            using var doc = await Http.SendSignedAsync(HttpMethod.Get, "/api/v3/order", q, 4, idempotent: true, ct);
            return BinanceOrder.Parse(doc.RootElement);
        }
        catch (BinanceApiException e) when (e.Code == BinanceErrorCodes.NoSuchOrder)
        {
            return null;
        }
    }

    /// <summary><c>DELETE /api/v3/order</c>; null when Binance has no open order of that id (-2011 "Unknown order sent."). Weight 1.</summary>
    public async Task<BinanceOrder?> CancelOrderAsync(string symbol, string clientOrderId, CancellationToken ct = default)
    {
        var q = new BinanceQuery().Add("symbol", symbol).Add("origClientOrderId", clientOrderId);
        try
        {
            using var doc = await Http.SendSignedAsync(HttpMethod.Delete, "/api/v3/order", q, 1, idempotent: true, ct);
            return BinanceOrder.Parse(doc.RootElement);
        }
        catch (BinanceApiException e) when (e.Code is BinanceErrorCodes.CancelRejected or BinanceErrorCodes.NoSuchOrder)
        {
            return null;
        }
    }

    /// <summary><c>GET /api/v3/myTrades</c> of one order (its fills, for a query that has none inline). Weight 20.</summary>
    public async Task<IReadOnlyList<BinanceTrade>> GetOrderTradesAsync(string symbol, long orderId, CancellationToken ct = default)
    {
        var q = new BinanceQuery().Add("symbol", symbol).Add("orderId", orderId);
        using var doc = await Http.SendSignedAsync(HttpMethod.Get, "/api/v3/myTrades", q, 20, idempotent: true, ct);
        return doc.RootElement.EnumerateArray().Select(BinanceTrade.Parse).ToArray();
    }

    /// <summary><c>GET /api/v3/openOrders</c> of one symbol (reconciliation). Weight 6.</summary>
    public async Task<IReadOnlyList<BinanceOrder>> GetOpenOrdersAsync(string symbol, CancellationToken ct = default)
    {
        var q = new BinanceQuery().Add("symbol", symbol);
        using var doc = await Http.SendSignedAsync(HttpMethod.Get, "/api/v3/openOrders", q, 6, idempotent: true, ct);
        return doc.RootElement.EnumerateArray().Select(BinanceOrder.Parse).ToArray();
    }

    /// <summary><c>GET /api/v3/account</c>: balances with a non-zero total (omitZeroBalances). Weight 20.</summary>
    public async Task<IReadOnlyList<BinanceBalance>> GetBalancesAsync(CancellationToken ct = default)
    {
        var q = new BinanceQuery().Add("omitZeroBalances", "true");
        using var doc = await Http.SendSignedAsync(HttpMethod.Get, "/api/v3/account", q, 20, idempotent: true, ct);
        return doc.RootElement.GetProperty("balances").EnumerateArray()
            .Select(b => new BinanceBalance(BinanceJson.String(b, "asset"), BinanceJson.Decimal(b, "free"), BinanceJson.Decimal(b, "locked")))
            .ToArray();
    }
}
