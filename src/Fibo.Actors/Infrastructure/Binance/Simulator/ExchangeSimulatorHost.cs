using System.Net;
using System.Text.Json;
using Fibo.Actors.Infrastructure.Binance.MarketData;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Extensions.Logging;

namespace Fibo.Actors.Infrastructure.Binance.Simulator;

/// <summary>
/// A local Binance spot exchange on 127.0.0.1 (an ASP.NET Core minimal-API app): REST market data, signed order and
/// account endpoints with a matching engine on the replayed prices, the kline WebSocket, request-weight accounting,
/// and fault injection (in-process through <see cref="Faults"/>, or over <c>/admin/*</c>). It speaks Binance's
/// documented formats so the real client is tested unchanged; see docs/binance.md for what it does not model.
/// </summary>
public sealed partial class ExchangeSimulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly KlineStreamServer _streams;
    private readonly SignedRequestVerifier _verifier;
    private readonly RequestWeightCounter _weights;
    private readonly Serilog.ILogger _log;
    private readonly CancellationTokenSource _stopping = new();
    private Task? _matcher;

    private ExchangeSimulatorHost(ExchangeSimulatorOptions options, Serilog.ILogger log)
    {
        Options = options;
        _log = log;
        Market = new SimulatedMarket(options.Data, options.Speed, options.HistoryCandles);
        var symbols = options.BuildSymbols();
        Exchange = new SimulatedExchange(Market, symbols, options.BuildBalances(symbols.Values), options.TakerFee, options.MakerFee);
        _streams = new KlineStreamServer(Market, options, log);
        _verifier = new SignedRequestVerifier(options.Credentials);
        _weights = new RequestWeightCounter(options.RequestWeightLimit, options.RequestWeightWindow);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], EnvironmentName = Environments.Production });
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, options.Port));
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new SerilogLoggerProvider(log));
        builder.Services.Configure<Microsoft.Extensions.Hosting.HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        _app = builder.Build();
        _app.UseWebSockets();
        _app.Use(RestGateAsync);
        MapMarketData(_app);
        MapTrading(_app);
        MapStreams(_app);
        MapAdmin(_app);
    }

    public ExchangeSimulatorOptions Options { get; }

    public SimulatedMarket Market { get; }

    public SimulatedExchange Exchange { get; }

    public SimulatorFaults Faults { get; } = new();

    /// <summary><c>http://127.0.0.1:PORT</c>: the REST base URL to give a client.</summary>
    public string RestBaseUrl { get; private set; } = "";

    /// <summary><c>ws://127.0.0.1:PORT</c>: the stream base URL to give a client.</summary>
    public string StreamBaseUrl { get; private set; } = "";

    public int StreamConnections => _streams.ConnectionCount;

    public long TotalStreamConnections => _streams.TotalConnections;

    /// <summary>Exchange time: the real clock plus any injected skew (what <c>/api/v3/time</c> says and signatures are judged by).</summary>
    public long ServerNowMs => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + (long)Faults.ClockSkew.TotalMilliseconds;

    public static async Task<ExchangeSimulatorHost> StartAsync(ExchangeSimulatorOptions options, Serilog.ILogger? log = null, CancellationToken ct = default)
    {
        var host = new ExchangeSimulatorHost(options, log ?? Log.ForContext<ExchangeSimulatorHost>());
        await host._app.StartAsync(ct);
        var address = host._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        host.RestBaseUrl = $"http://127.0.0.1:{port}";
        host.StreamBaseUrl = $"ws://127.0.0.1:{port}";
        host._matcher = host.MatchLoopAsync(host._stopping.Token);
        return host;
    }

    /// <summary>Client options pointing here, with the same weight window and limit the simulator enforces.</summary>
    public BinanceOptions ClientOptions() => new()
    {
        RestBaseUrl = RestBaseUrl,
        StreamBaseUrl = StreamBaseUrl,
        RequestWeightLimit = Options.RequestWeightLimit,
        RequestWeightWindow = Options.RequestWeightWindow,
    };

    /// <summary>Credentials the simulator accepts.</summary>
    public BinanceCredentials Credentials() => Options.Credentials;

    public int DisconnectStreams() => _streams.DisconnectAll();

    public int StallStreams() => _streams.StallAll();

    /// <summary>Resting limit orders fill as the replayed price crosses them, even when nobody asks.</summary>
    private async Task MatchLoopAsync(CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                Exchange.Match(ServerNowMs);
                await Task.Delay(20, ct);
            }
        }
        catch (OperationCanceledException) { }
    }

    /// <summary>Request weight, injected 429/500/delays and the weight header, for every REST request.</summary>
    private async Task RestGateAsync(HttpContext context, RequestDelegate next)
    {
        var path = context.Request.Path.Value ?? "";
        if (!path.StartsWith("/api/", StringComparison.Ordinal))
        {
            await next(context);
            return;
        }
        int weight = Weight(context.Request.Method, path);
        var (used, over, untilNext) = _weights.Consume(weight, ServerNowMs);
        context.Response.Headers["X-MBX-USED-WEIGHT-" + WindowCode] = used.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (over || Faults.TakeRateLimit())
        {
            int seconds = over ? Math.Max(1, (int)Math.Ceiling(untilNext.TotalSeconds)) : Faults.RetryAfterSeconds;
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await WriteAsync(context, 429, SimulatorJson.Error(-1003,
                $"Too much request weight used; current limit is {_weights.Limit} request weight per {WindowText}. Please use WebSocket Streams for live updates to avoid polling the API."));
            return;
        }
        if (Faults.TakeServerError(path))
        {
            await WriteAsync(context, 500, SimulatorJson.Error(-1000, "An unknown error occurred while processing the request."));
            return;
        }
        if (Faults.ResponseDelay > TimeSpan.Zero) await Task.Delay(Faults.ResponseDelay, context.RequestAborted);
        await next(context);
    }

    private string WindowCode => Options.RequestWeightWindow.TotalMinutes >= 1
        ? $"{(int)Options.RequestWeightWindow.TotalMinutes}M"
        : $"{Math.Max(1, (int)Options.RequestWeightWindow.TotalSeconds)}S";

    private string WindowText => Options.RequestWeightWindow.TotalMinutes >= 1 ? $"{(int)Options.RequestWeightWindow.TotalMinutes} MINUTE" : $"{Math.Max(1, (int)Options.RequestWeightWindow.TotalSeconds)} SECOND";

    /// <summary>Binance's current weights of the endpoints served.</summary>
    private static int Weight(string method, string path) => (method, path) switch
    {
        (_, "/api/v3/exchangeInfo") => BinanceMarketData.ExchangeInfoWeight,
        (_, "/api/v3/klines") => BinanceMarketData.KlinesWeight,
        (_, "/api/v3/avgPrice") => 2,
        ("GET", "/api/v3/order") => 4,
        ("GET", "/api/v3/openOrders") => 6,
        (_, "/api/v3/account") => 20,
        (_, "/api/v3/myTrades") => 20,
        _ => 1,
    };

    private static async Task WriteAsync(HttpContext context, int status, byte[] json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json;charset=UTF-8";
        await context.Response.Body.WriteAsync(json, context.RequestAborted);
    }

    private static IResult Json(byte[] json, int status = 200) => new BinanceJsonResult(json, status);

    /// <summary>Prewritten Binance JSON with its HTTP status.</summary>
    private sealed class BinanceJsonResult(byte[] json, int status) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext) => WriteAsync(httpContext, status, json);
    }

    private static IResult Error(SimulatorError e) => Json(SimulatorJson.Error(e.Code, e.Message), e.HttpStatus);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_matcher is not null) await _matcher;
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(3));
            await _app.StopAsync(cts.Token);
        }
        catch (OperationCanceledException) { }
        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    internal static JsonSerializerOptions AdminJson { get; } = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}
