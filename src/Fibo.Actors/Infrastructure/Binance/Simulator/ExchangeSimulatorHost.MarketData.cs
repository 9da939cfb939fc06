using System.Text.Json;
using Fibo.Messages.Primitives;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Fibo.Actors.Infrastructure.Binance.Simulator;

public sealed partial class ExchangeSimulatorHost
{
    private void MapMarketData(WebApplication app)
    {
        app.MapGet("/api/v3/ping", () => Json("{}"u8.ToArray()));

        app.MapGet("/api/v3/time", () => Json(SimulatorJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("serverTime", ServerNowMs);
            w.WriteEndObject();
        })));

        app.MapGet("/api/v3/exchangeInfo", async (HttpContext ctx) =>
        {
            var p = await RequestParams.ReadAsync(ctx.Request);
            var wanted = new List<string>();
            if (p["symbol"] is { } one) wanted.Add(one);
            if (p["symbols"] is { } many)
            {
                try { wanted.AddRange(JsonSerializer.Deserialize<string[]>(many) ?? []); }
                catch (JsonException) { return Error(SimulatorError.BadRequest(-1100, "Illegal characters found in parameter 'symbols'; legal range is '^\\[(\"[A-Z0-9-_.]{1,20}\"(,\"[A-Z0-9-_.]{1,20}\"){0,}){0,1}\\]$'.")); }
            }
            foreach (var s in wanted)
                if (!Exchange.Symbols.ContainsKey(s)) return Error(SimulatorError.BadRequest(-1121, "Invalid symbol."));
            var shown = wanted.Count == 0 ? Exchange.Symbols.Values : wanted.Select(s => Exchange.Symbols[s]);
            bool minute = Options.RequestWeightWindow.TotalMinutes >= 1;
            return Json(SimulatorJson.Write(w =>
            {
                w.WriteStartObject();
                w.WriteString("timezone", "UTC");
                w.WriteNumber("serverTime", ServerNowMs);
                w.WriteStartArray("rateLimits");
                w.WriteStartObject();
                w.WriteString("rateLimitType", "REQUEST_WEIGHT");
                w.WriteString("interval", minute ? "MINUTE" : "SECOND");
                w.WriteNumber("intervalNum", minute ? (int)Options.RequestWeightWindow.TotalMinutes : Math.Max(1, (int)Options.RequestWeightWindow.TotalSeconds));
                w.WriteNumber("limit", Options.RequestWeightLimit);
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteStartArray("exchangeFilters");
                w.WriteEndArray();
                w.WriteStartArray("symbols");
                foreach (var s in shown) SimulatorJson.SymbolInfo(w, s);
                w.WriteEndArray();
                w.WriteEndObject();
            }));
        });

        app.MapGet("/api/v3/avgPrice", async (HttpContext ctx) =>
        {
            var p = await RequestParams.ReadAsync(ctx.Request);
            if (p["symbol"] is not { } symbol) return Error(SimulatorError.BadRequest(-1102, "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed."));
            // The replayed price stands in for Binance's 5-minute average.
            if (Exchange.MarketPrice(symbol) is not { } price) return Error(SimulatorError.BadRequest(-1121, "Invalid symbol."));
            return Json(SimulatorJson.Write(w =>
            {
                w.WriteStartObject();
                w.WriteNumber("mins", 5);
                w.WriteString("price", SimulatorJson.D(price));
                w.WriteNumber("closeTime", ServerNowMs);
                w.WriteEndObject();
            }));
        });

        app.MapGet("/api/v3/klines", async (HttpContext ctx) =>
        {
            var p = await RequestParams.ReadAsync(ctx.Request);
            if (p["symbol"] is not { } symbol) return Error(SimulatorError.BadRequest(-1102, "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed."));
            if (p["interval"] is not { } interval) return Error(SimulatorError.BadRequest(-1102, "Mandatory parameter 'interval' was not sent, was empty/null, or malformed."));
            if (!Exchange.Symbols.ContainsKey(symbol)) return Error(SimulatorError.BadRequest(-1121, "Invalid symbol."));
            var series = Market.Series.FirstOrDefault(s => s.Symbol.Exchange == symbol && s.Timeframe.Code == interval);
            if (series == default)
            {
                // Binance serves every interval; the simulator only those it has candles for.
                _log.Warning("simulator: klines for {Symbol} {Interval} asked, but it only has {Series}", symbol, interval, string.Join(", ", Market.Series));
                return Error(SimulatorError.BadRequest(-1120, "Invalid interval."));
            }
            var (start, e1) = p.Long("startTime");
            var (end, e2) = p.Long("endTime");
            var (limit, e3) = p.Long("limit");
            if ((e1 ?? e2 ?? e3) is { } bad) return Error(bad);
            if (limit is < 1 or > 1000) return Error(SimulatorError.BadRequest(-1130, "Data sent for parameter 'limit' is not valid."));
            if (start is { } s0 && end is { } e0 && s0 > e0) return Error(SimulatorError.BadRequest(-1023, "Start time is greater than end time."));
            var candles = Market.Klines(series, start, end, (int)(limit ?? 500));
            long tf = series.Timeframe.Milliseconds;
            return Json(SimulatorJson.Write(w =>
            {
                w.WriteStartArray();
                foreach (var c in candles) SimulatorJson.KlineRow(w, c, tf);
                w.WriteEndArray();
            }));
        });
    }

    private void MapStreams(WebApplication app)
    {
        app.Map("/ws/{stream}", async (HttpContext ctx, string stream) =>
        {
            await AcceptStreamAsync(ctx, [stream], combined: false);
        });
        app.Map("/ws", async (HttpContext ctx) => await AcceptStreamAsync(ctx, [], combined: false));
        app.Map("/stream", async (HttpContext ctx) =>
        {
            var names = ctx.Request.Query["streams"].ToString().Split('/', StringSplitOptions.RemoveEmptyEntries);
            await AcceptStreamAsync(ctx, names, combined: true);
        });
    }

    private async Task AcceptStreamAsync(HttpContext ctx, IReadOnlyList<string> names, bool combined)
    {
        if (!ctx.WebSockets.IsWebSocketRequest)
        {
            ctx.Response.StatusCode = 400;
            return;
        }
        var (series, unknown) = _streams.Resolve(names);
        if (unknown is not null)
        {
            _log.Warning("simulator: unknown stream {Stream} (served: {Served})", unknown, string.Join(", ", Market.Series.Select(Streams.KlineStreams.Name)));
            await WriteAsync(ctx, 400, SimulatorJson.Error(-1121, "Invalid symbol."));
            return;
        }
        await _streams.HandleAsync(ctx, series, combined, _stopping.Token);
    }
}
