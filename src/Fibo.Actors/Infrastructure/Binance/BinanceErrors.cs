namespace Fibo.Actors.Infrastructure.Binance;

/// <summary>Binance error codes we act on (binance-spot-api-docs errors.md).</summary>
public static class BinanceErrorCodes
{
    public const int Unknown = -1000;
    public const int TooManyRequests = -1003;
    public const int InvalidMessage = -1013;
    public const int InvalidTimestamp = -1021;
    public const int InvalidSignature = -1022;
    public const int MandatoryParam = -1102;
    public const int BadInterval = -1120;
    public const int BadSymbol = -1121;
    public const int InvalidParameter = -1130;
    public const int BadRecvWindow = -1131;
    public const int NewOrderRejected = -2010;
    public const int CancelRejected = -2011;
    public const int NoSuchOrder = -2013;
    public const int BadApiKeyFormat = -2014;
    public const int RejectedApiKey = -2015;
}

/// <summary>
/// A definitive answer from Binance that refused the request: an HTTP 4xx with its <c>{"code", "msg"}</c> body. The
/// request had no effect (unlike <see cref="BinanceUnknownOutcomeException"/>). Messages never contain keys or signatures.
/// </summary>
public sealed class BinanceApiException(int httpStatus, int code, string binanceMessage, string endpoint)
    : Exception($"Binance {endpoint} refused the request: HTTP {httpStatus}, code {code}: {binanceMessage}")
{
    public int HttpStatus { get; } = httpStatus;
    public int Code { get; } = code;
    public string BinanceMessage { get; } = binanceMessage;
    public string Endpoint { get; } = endpoint;
}

/// <summary>
/// No definitive answer: HTTP 5xx, a timeout, or the connection dropped. Binance: "the execution status is UNKNOWN and
/// could have been a success". For an order this means: query it by client order id, never send it again blindly.
/// </summary>
public sealed class BinanceUnknownOutcomeException(string endpoint, string reason, Exception? inner = null)
    : Exception($"Binance {endpoint}: no definitive answer ({reason}); the outcome is unknown", inner)
{
    public string Endpoint { get; } = endpoint;
    public string Reason { get; } = reason;
}

/// <summary>Rate limited (HTTP 429) or IP-banned (418) and the retries ran out; <see cref="RetryAfter"/> is Binance's wait.</summary>
public sealed class BinanceRateLimitException(string endpoint, int httpStatus, TimeSpan retryAfter)
    : Exception($"Binance {endpoint}: {(httpStatus == 418 ? "IP banned" : "rate limited")} (HTTP {httpStatus}); retry after {retryAfter.TotalSeconds:0.#} s")
{
    public string Endpoint { get; } = endpoint;
    public int HttpStatus { get; } = httpStatus;
    public TimeSpan RetryAfter { get; } = retryAfter;
}
