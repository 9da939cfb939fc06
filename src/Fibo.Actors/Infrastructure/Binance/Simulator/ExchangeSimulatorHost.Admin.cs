using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Fibo.Actors.Infrastructure.Binance.Simulator;

/// <summary>What <c>POST /admin/faults</c> accepts; absent fields change nothing.</summary>
public sealed record SimulatorFaultRequest(
    string? OrderFault = null,
    int? Count = null,
    int? RateLimit = null,
    int? RetryAfterSeconds = null,
    int? ServerErrors = null,
    string? ServerErrorPath = null,
    int? ResponseDelayMs = null,
    int? OrderDelayMs = null,
    long? ClockSkewMs = null,
    bool? Clear = null);

/// <summary>What <c>POST /admin/replay</c> accepts: the replay speed from now on (0 freezes the market).</summary>
public sealed record SimulatorReplayRequest(double? Speed = null);

public sealed partial class ExchangeSimulatorHost
{
    private void MapAdmin(WebApplication app)
    {
        app.MapPost("/admin/faults", async (HttpContext ctx) =>
        {
            SimulatorFaultRequest? request;
            try { request = await JsonSerializer.DeserializeAsync<SimulatorFaultRequest>(ctx.Request.Body, AdminJson); }
            catch (JsonException e) { return Results.BadRequest(new { error = "not a fault request: " + e.Message }); }
            if (request is null) return Results.BadRequest(new { error = "empty body" });
            if (request.Clear == true) Faults.Clear();
            if (request.OrderFault is { } kind)
            {
                OrderFault? fault = kind.ToLowerInvariant() switch
                {
                    "error-before-accept" => OrderFault.ErrorBeforeAccept,
                    "error-after-accept" => OrderFault.ErrorAfterAccept,
                    "abort-after-accept" => OrderFault.AbortAfterAccept,
                    "delay-after-accept" => OrderFault.DelayAfterAccept,
                    _ => null,
                };
                if (fault is null) return Results.BadRequest(new { error = $"unknown orderFault '{kind}': use error-before-accept, error-after-accept, abort-after-accept or delay-after-accept" });
                Faults.FailNextOrders(fault.Value, request.Count ?? 1);
            }
            if (request.RateLimit is { } rl) Faults.RateLimitNext(rl, request.RetryAfterSeconds ?? 1);
            if (request.ServerErrors is { } se) Faults.ServerErrorNext(se, request.ServerErrorPath);
            if (request.ResponseDelayMs is { } d) Faults.ResponseDelay = TimeSpan.FromMilliseconds(d);
            if (request.OrderDelayMs is { } od) Faults.OrderDelay = TimeSpan.FromMilliseconds(od);
            if (request.ClockSkewMs is { } skew) Faults.ClockSkew = TimeSpan.FromMilliseconds(skew);
            return Results.Json(FaultState(), AdminJson);
        });

        app.MapPost("/admin/replay", async (HttpContext ctx) =>
        {
            SimulatorReplayRequest? request;
            try { request = await JsonSerializer.DeserializeAsync<SimulatorReplayRequest>(ctx.Request.Body, AdminJson); }
            catch (JsonException e) { return Results.BadRequest(new { error = "not a replay request: " + e.Message }); }
            if (request?.Speed is not { } speed || speed < 0 || !double.IsFinite(speed))
                return Results.BadRequest(new { error = "give {\"speed\": X} with X ≥ 0 (0 = frozen, 1 = real time)" });
            Market.SetSpeed(speed);
            return Results.Json(new { speed = Market.Speed, series = Market.Series.Select(s => new { key = s.ToString(), now = Market.NowMs(s) }) }, AdminJson);
        });

        app.MapPost("/admin/streams/disconnect", () => Results.Json(new { disconnected = DisconnectStreams() }, AdminJson));
        app.MapPost("/admin/streams/stall", () => Results.Json(new { stalled = StallStreams() }, AdminJson));

        app.MapGet("/admin/state", () => Results.Json(new
        {
            serverTime = ServerNowMs,
            speed = Market.Speed,
            series = Market.Series.Select(s => new { key = s.ToString(), now = Market.NowMs(s), closed = Market.ClosedCount(s, Market.NowMs(s)), total = Market.AllCandles(s).Count }),
            streamConnections = StreamConnections,
            orders = Exchange.Orders(),
            balances = Exchange.Balances().ToDictionary(b => b.Key, b => new { free = b.Value.Free, locked = b.Value.Locked }),
            faults = FaultState(),
        }, AdminJson));
    }

    private object FaultState() => new
    {
        injectedRateLimits = Faults.InjectedRateLimits,
        injectedServerErrors = Faults.InjectedServerErrors,
        injectedOrderFaults = Faults.InjectedOrderFaults,
        responseDelayMs = Faults.ResponseDelay.TotalMilliseconds,
        clockSkewMs = Faults.ClockSkew.TotalMilliseconds,
    };
}
