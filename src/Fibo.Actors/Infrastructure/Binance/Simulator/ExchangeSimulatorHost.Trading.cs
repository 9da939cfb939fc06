using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Fibo.Actors.Infrastructure.Binance.Simulator;

public sealed partial class ExchangeSimulatorHost
{
    private void MapTrading(WebApplication app)
    {
        app.MapPost("/api/v3/order", async (HttpContext ctx) =>
        {
            var (p, denied) = await SignedAsync(ctx);
            if (denied is not null) return Error(denied);
            var fault = Faults.TakeOrderFault();
            if (fault == OrderFault.ErrorBeforeAccept)
                return Error(new SimulatorError(500, -1000, "An unknown error occurred while processing the request."));

            if (p!["symbol"] is not { } symbol) return Error(SimulatorError.BadRequest(-1102, "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed."));
            if (p["side"] is not { } side) return Error(SimulatorError.BadRequest(-1102, "Mandatory parameter 'side' was not sent, was empty/null, or malformed."));
            if (p["type"] is not { } type) return Error(SimulatorError.BadRequest(-1102, "Mandatory parameter 'type' was not sent, was empty/null, or malformed."));
            var (quantity, qe) = p.Decimal("quantity");
            var (price, pe) = p.Decimal("price");
            if ((qe ?? pe) is { } bad) return Error(bad);
            var clientId = p["newClientOrderId"];
            if (clientId is not null && !ClientOrderIdPattern().IsMatch(clientId))
                return Error(SimulatorError.BadRequest(-1100, "Illegal characters found in parameter 'newClientOrderId'; legal range is '^[\\.A-Z\\:/a-z0-9_-]{1,36}$'."));
            string responseType = p["newOrderRespType"] ?? "FULL";
            if (responseType is not ("ACK" or "RESULT" or "FULL"))
                return Error(SimulatorError.BadRequest(-1130, "Data sent for parameter 'newOrderRespType' is not valid."));

            var (order, error) = Exchange.Place(symbol, side, type, p["timeInForce"], quantity, price, clientId, ServerNowMs);
            if (error is not null) return Error(error);
            _log.Debug("simulator: order {OrderId} {ClientOrderId} {Side} {Type} {Qty} {Status}", order!.Id, order.ClientOrderId, side, type, order.OrigQty, order.Status);

            switch (fault)
            {
                case OrderFault.ErrorAfterAccept:
                    return Error(new SimulatorError(503, -1007, "Timeout waiting for response from backend server. Send status unknown; execution status unknown."));
                case OrderFault.AbortAfterAccept:
                    ctx.Abort();
                    return Results.Empty;
                case OrderFault.DelayAfterAccept:
                    try { await Task.Delay(Faults.OrderDelay, ctx.RequestAborted); }
                    catch (OperationCanceledException) { return Results.Empty; }
                    break;
            }
            return Json(SimulatorJson.NewOrder(order, responseType));
        });

        app.MapGet("/api/v3/order", async (HttpContext ctx) =>
        {
            var (p, denied) = await SignedAsync(ctx);
            if (denied is not null) return Error(denied);
            if (OrderRef(p!, out var symbol, out var clientId, out var orderId) is { } bad) return Error(bad);
            var (order, error) = Exchange.Query(symbol!, clientId, orderId, ServerNowMs);
            return error is not null ? Error(error) : Json(SimulatorJson.Write(w => SimulatorJson.QueriedOrder(w, order!)));
        });

        app.MapDelete("/api/v3/order", async (HttpContext ctx) =>
        {
            var (p, denied) = await SignedAsync(ctx);
            if (denied is not null) return Error(denied);
            if (OrderRef(p!, out var symbol, out var clientId, out var orderId) is { } bad) return Error(bad);
            var (order, error) = Exchange.Cancel(symbol!, clientId, orderId, ServerNowMs);
            if (error is not null) return Error(error);
            string cancelId = p!["newClientOrderId"] ?? "cancel-" + Guid.NewGuid().ToString("N")[..16];
            return Json(SimulatorJson.CanceledOrder(order!, cancelId, ServerNowMs));
        });

        app.MapGet("/api/v3/openOrders", async (HttpContext ctx) =>
        {
            var (p, denied) = await SignedAsync(ctx);
            if (denied is not null) return Error(denied);
            var symbol = p!["symbol"];
            if (symbol is not null && !Exchange.Symbols.ContainsKey(symbol)) return Error(SimulatorError.BadRequest(-1121, "Invalid symbol."));
            var orders = Exchange.OpenOrders(symbol, ServerNowMs);
            return Json(SimulatorJson.Write(w =>
            {
                w.WriteStartArray();
                foreach (var o in orders) SimulatorJson.QueriedOrder(w, o);
                w.WriteEndArray();
            }));
        });

        app.MapGet("/api/v3/myTrades", async (HttpContext ctx) =>
        {
            var (p, denied) = await SignedAsync(ctx);
            if (denied is not null) return Error(denied);
            if (p!["symbol"] is not { } symbol) return Error(SimulatorError.BadRequest(-1102, "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed."));
            if (!Exchange.Symbols.ContainsKey(symbol)) return Error(SimulatorError.BadRequest(-1121, "Invalid symbol."));
            var (orderId, bad) = p.Long("orderId");
            if (bad is not null) return Error(bad);
            var trades = Exchange.TradesOf(symbol, orderId, ServerNowMs);
            return Json(SimulatorJson.Write(w =>
            {
                w.WriteStartArray();
                foreach (var t in trades) SimulatorJson.Trade(w, t);
                w.WriteEndArray();
            }));
        });

        app.MapGet("/api/v3/account", async (HttpContext ctx) =>
        {
            var (p, denied) = await SignedAsync(ctx);
            if (denied is not null) return Error(denied);
            bool omitZero = string.Equals(p!["omitZeroBalances"], "true", StringComparison.OrdinalIgnoreCase);
            var balances = Exchange.Balances();
            long now = ServerNowMs;
            return Json(SimulatorJson.Write(w =>
            {
                w.WriteStartObject();
                w.WriteNumber("makerCommission", (int)(Options.MakerFee * 10000));
                w.WriteNumber("takerCommission", (int)(Options.TakerFee * 10000));
                w.WriteNumber("buyerCommission", 0);
                w.WriteNumber("sellerCommission", 0);
                w.WriteBoolean("canTrade", true);
                w.WriteBoolean("canWithdraw", false);
                w.WriteBoolean("canDeposit", false);
                w.WriteBoolean("brokered", false);
                w.WriteBoolean("requireSelfTradePrevention", false);
                w.WriteBoolean("preventSor", false);
                w.WriteNumber("updateTime", now);
                w.WriteString("accountType", "SPOT");
                w.WriteStartArray("balances");
                foreach (var (asset, (free, locked)) in balances.OrderBy(b => b.Key, StringComparer.Ordinal))
                {
                    if (omitZero && free == 0 && locked == 0) continue;
                    w.WriteStartObject();
                    w.WriteString("asset", asset);
                    w.WriteString("free", SimulatorJson.D(free));
                    w.WriteString("locked", SimulatorJson.D(locked));
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteStartArray("permissions");
                w.WriteStringValue("SPOT");
                w.WriteEndArray();
                w.WriteNumber("uid", 1);
                w.WriteEndObject();
            }));
        });
    }

    private async Task<(RequestParams? Params, SimulatorError? Denied)> SignedAsync(HttpContext ctx)
    {
        var p = await RequestParams.ReadAsync(ctx.Request);
        var denied = _verifier.Verify(ctx.Request, p, ServerNowMs);
        if (denied is not null) _log.Debug("simulator: signed request refused: {Code} {Message}", denied.Code, denied.Message);
        return (p, denied);
    }

    private SimulatorError? OrderRef(RequestParams p, out string? symbol, out string? clientId, out long? orderId)
    {
        symbol = p["symbol"];
        clientId = p["origClientOrderId"];
        orderId = null;
        if (symbol is null) return SimulatorError.BadRequest(-1102, "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed.");
        var (id, bad) = p.Long("orderId");
        if (bad is not null) return bad;
        orderId = id;
        if (orderId is null && clientId is null) return SimulatorError.BadRequest(-1102, "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!");
        return null;
    }

    [GeneratedRegex(@"^[\.A-Z\:/a-z0-9_-]{1,36}$")]
    private static partial Regex ClientOrderIdPattern();
}
