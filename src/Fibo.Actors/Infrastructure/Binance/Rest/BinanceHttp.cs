using System.Net;
using System.Text;
using System.Text.Json;
using Fibo.Actors.Domain;
using Polly;
using Polly.Retry;
using Serilog;

namespace Fibo.Actors.Infrastructure.Binance.Rest;

/// <summary>
/// The one way we send requests to Binance's REST API: request-weight gate, per-request timeout, error mapping and
/// retries (Polly). Public requests and signed queries are idempotent and retried on 5xx/timeouts with jittered
/// exponential backoff; 429/418 wait <c>Retry-After</c> for everyone. An order submit is never retried after a 5xx or
/// timeout (the outcome is unknown: the caller queries), but it is retried after a 429/418 or a -1021, which Binance
/// refuses before the order reaches the matching engine.
/// </summary>
public sealed class BinanceHttp : IDisposable
{
    private readonly HttpClient _http;
    private readonly BinanceCredentials? _credentials;
    private readonly ILogger _log;
    private readonly ResiliencePipeline _idempotent;
    private readonly ResiliencePipeline _submit;
    private readonly SemaphoreSlim _syncLock = new(1, 1);

    public BinanceHttp(BinanceOptions options, BinanceCredentials? credentials = null, HttpMessageHandler? handler = null,
        TimeProvider? time = null, ILogger? log = null)
    {
        Options = options.Validate();
        _credentials = credentials;
        var timeProvider = time ?? TimeProvider.System;
        _log = log ?? Log.ForContext<BinanceHttp>();
        _http = new HttpClient(handler ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }, disposeHandler: handler is null)
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        Clock = new BinanceServerClock(timeProvider);
        Weight = new RequestWeightGate(options.RequestWeightLimit, options.RequestWeightWindow, options.RequestWeightHeadroom,
            () => Clock.NowMs, timeProvider, _log);
        _idempotent = Pipeline(timeProvider, retryUnknown: true);
        _submit = Pipeline(timeProvider, retryUnknown: false);
    }

    public BinanceOptions Options { get; }

    public BinanceServerClock Clock { get; }

    public RequestWeightGate Weight { get; }

    public bool HasCredentials => _credentials is not null;

    /// <summary>A public (unsigned) GET, retried until it succeeds or the retries run out.</summary>
    public Task<JsonDocument> GetAsync(string path, BinanceQuery query, int weight, CancellationToken ct) =>
        _idempotent.ExecuteAsync(async token => await SendOnceAsync(HttpMethod.Get, path, query, weight, signed: false, token), ct).AsTask();

    /// <summary>
    /// A signed request. <paramref name="idempotent"/> requests (queries, cancels) are retried like public ones; a
    /// non-idempotent one (a new order) throws <see cref="BinanceUnknownOutcomeException"/> on 5xx or timeout.
    /// </summary>
    public Task<JsonDocument> SendSignedAsync(HttpMethod method, string path, BinanceQuery query, int weight, bool idempotent, CancellationToken ct) =>
        (idempotent ? _idempotent : _submit).ExecuteAsync(async token => await SendSignedWithTimeSyncAsync(method, path, query, weight, token), ct).AsTask();

    /// <summary>Measures the offset between our clock and Binance's (<c>GET /api/v3/time</c>, weight 1).</summary>
    public async Task SyncTimeAsync(CancellationToken ct)
    {
        await _syncLock.WaitAsync(ct);
        try
        {
            await _idempotent.ExecuteAsync(async token =>
            {
                long sent = Clock.LocalNowMs;
                using var doc = await SendOnceAsync(HttpMethod.Get, "/api/v3/time", new BinanceQuery(), 1, signed: false, token);
                long received = Clock.LocalNowMs;
                Clock.Update(doc.RootElement.GetProperty("serverTime").GetInt64(), sent, received);
            }, ct);
            _log.Debug("Binance clock offset {OffsetMs} ms", Clock.OffsetMs);
        }
        finally
        {
            _syncLock.Release();
        }
    }

    private async Task<JsonDocument> SendSignedWithTimeSyncAsync(HttpMethod method, string path, BinanceQuery query, int weight, CancellationToken ct)
    {
        if (_credentials is null)
            throw new InputException($"Binance {path} needs an API key: set {BinanceCredentials.ApiKeyVariable} and {BinanceCredentials.ApiSecretVariable}");
        if (Clock.NeedsSync) await SyncTimeAsync(ct);
        try
        {
            return await SendOnceAsync(method, path, query, weight, signed: true, ct);
        }
        catch (BinanceApiException e) when (e.Code == BinanceErrorCodes.InvalidTimestamp)
        {
            // Refused before execution: measure the clock again and send once more with a fresh timestamp.
            _log.Warning("Binance refused {Path} with -1021 (timestamp outside recvWindow, offset was {OffsetMs} ms): re-syncing the clock", path, Clock.OffsetMs);
            Clock.Invalidate();
            await SyncTimeAsync(ct);
            return await SendOnceAsync(method, path, query, weight, signed: true, ct);
        }
    }

    private async Task<JsonDocument> SendOnceAsync(HttpMethod method, string path, BinanceQuery query, int weight, bool signed, CancellationToken ct)
    {
        await Weight.AcquireAsync(weight, ct);
        using var request = BuildRequest(method, path, query, signed);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Options.RequestTimeout);
        string endpoint = $"{method.Method} {path}";
        HttpResponseMessage response;
        string body;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token);
            body = await response.Content.ReadAsStringAsync(timeout.Token);
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new BinanceUnknownOutcomeException(endpoint, $"no answer within {Options.RequestTimeout.TotalSeconds:0.###} s", e);
        }
        catch (HttpRequestException e)
        {
            throw new BinanceUnknownOutcomeException(endpoint, $"connection failed: {e.HttpRequestError}", e);
        }

        using (response)
        {
            Weight.Observe(response);
            int status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode) return ParseJson(body, endpoint);
            if (status is 429 or 418)
            {
                var retryAfter = RetryAfter(response);
                Weight.CloseFor(retryAfter);
                _log.Warning("Binance {Endpoint}: HTTP {Status}, waiting Retry-After {Seconds} s", endpoint, status, retryAfter.TotalSeconds);
                throw new BinanceRateLimitException(endpoint, status, retryAfter);
            }
            if (status >= 500) throw new BinanceUnknownOutcomeException(endpoint, $"HTTP {status}");
            var (code, msg) = ParseError(body);
            throw new BinanceApiException(status, code, msg, endpoint);
        }
    }

    private HttpRequestMessage BuildRequest(HttpMethod method, string path, BinanceQuery query, bool signed)
    {
        string text;
        if (signed)
        {
            var q = query.Copy()
                .Add("recvWindow", Options.RecvWindowMs)
                .Add("timestamp", Clock.NowMs);
            text = q.ToString();
            text += "&signature=" + _credentials!.Sign(text);
        }
        else
        {
            text = query.ToString();
        }

        HttpRequestMessage request;
        if (method == HttpMethod.Post || method == HttpMethod.Put)
        {
            request = new HttpRequestMessage(method, Options.RestUri(path))
            {
                Content = new StringContent(text, Encoding.ASCII, "application/x-www-form-urlencoded"),
            };
        }
        else
        {
            request = new HttpRequestMessage(method, Options.RestUri(text.Length == 0 ? path : path + "?" + text));
        }
        if (_credentials is not null) request.Headers.TryAddWithoutValidation("X-MBX-APIKEY", _credentials.ApiKey);
        return request;
    }

    private static TimeSpan RetryAfter(HttpResponseMessage response)
    {
        if (response.Headers.RetryAfter is { } ra)
        {
            if (ra.Delta is { } delta) return delta;
            if (ra.Date is { } date) return TimeSpan.FromTicks(Math.Max(0, (date - DateTimeOffset.UtcNow).Ticks));
        }
        return TimeSpan.FromSeconds(1);
    }

    private static JsonDocument ParseJson(string body, string endpoint)
    {
        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            throw new BinanceUnknownOutcomeException(endpoint, "the answer is not JSON", e);
        }
    }

    private static (int Code, string Msg) ParseError(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            int code = root.TryGetProperty("code", out var c) && c.TryGetInt32(out var ci) ? ci : 0;
            string msg = root.TryGetProperty("msg", out var m) ? m.GetString() ?? "" : "";
            return (code, msg);
        }
        catch (JsonException)
        {
            return (0, body.Length > 200 ? body[..200] : body);
        }
    }

    private ResiliencePipeline Pipeline(TimeProvider time, bool retryUnknown)
    {
        var options = new RetryStrategyOptions
        {
            MaxRetryAttempts = Math.Max(1, Options.MaxRetries),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = Options.RetryBaseDelay,
            MaxDelay = Options.RetryMaxDelay,
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception switch
            {
                BinanceRateLimitException => true,
                BinanceUnknownOutcomeException => retryUnknown,
                _ => false,
            }),
            // The weight gate already waits Retry-After for every caller; no extra delay on top of it.
            DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(args.Outcome.Exception is BinanceRateLimitException ? TimeSpan.Zero : null),
            OnRetry = args =>
            {
                _log.Information("Binance request retry {Attempt} after {Error}", args.AttemptNumber + 1, args.Outcome.Exception?.Message);
                return default;
            },
        };
        if (Options.MaxRetries == 0) options.ShouldHandle = _ => ValueTask.FromResult(false);
        return new ResiliencePipelineBuilder { TimeProvider = time }.AddRetry(options).Build();
    }

    public void Dispose()
    {
        _http.Dispose();
        _syncLock.Dispose();
    }
}
