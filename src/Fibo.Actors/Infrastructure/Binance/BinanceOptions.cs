using Fibo.Actors.Domain;

namespace Fibo.Actors.Infrastructure.Binance;

/// <summary>
/// Where Binance is and how we talk to it (configuration section <c>Fibo:Binance</c>). The defaults are the real spot
/// exchange; <see cref="SpotTestnet"/> is Binance's spot testnet; a local simulator prints its own URLs. Keys are not
/// here: they come from <see cref="BinanceCredentials"/> (environment or a secrets file) so they never sit in a config file.
/// </summary>
public sealed class BinanceOptions
{
    public const string Section = "Binance";
    public const string ProductionRestUrl = "https://api.binance.com";
    public const string ProductionStreamUrl = "wss://stream.binance.com:9443";
    public const string TestnetRestUrl = "https://testnet.binance.vision";
    public const string TestnetStreamUrl = "wss://stream.testnet.binance.vision";

    /// <summary>REST base URL (no trailing <c>/api</c>).</summary>
    public string RestBaseUrl { get; set; } = ProductionRestUrl;

    /// <summary>WebSocket market-stream base URL; <c>/ws/...</c> and <c>/stream?streams=...</c> are appended.</summary>
    public string StreamBaseUrl { get; set; } = ProductionStreamUrl;

    /// <summary>Milliseconds after <c>timestamp</c> a signed request stays valid (Binance default 5000, max 60000).</summary>
    public int RecvWindowMs { get; set; } = 5000;

    /// <summary>Timeout of one REST request; on an order submit, running out means "outcome unknown".</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The IP's request-weight budget per window (Binance spot: 6000 per minute; exchangeInfo reports it).</summary>
    public int RequestWeightLimit { get; set; } = 6000;

    /// <summary>
    /// The weight window. Binance counts per calendar minute; only tests against the simulator shorten it (both sides
    /// must agree), so waiting for the next window takes milliseconds instead of a minute.
    /// </summary>
    public TimeSpan RequestWeightWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Fraction of <see cref="RequestWeightLimit"/> after which we wait for the next window instead of risking a 429.</summary>
    public double RequestWeightHeadroom { get; set; } = 0.9;

    /// <summary>Retries of an idempotent request (market data, queries) after 5xx, timeouts or 429/418 (which wait Retry-After).</summary>
    public int MaxRetries { get; set; } = 6;

    /// <summary>First retry delay; later ones double with jitter up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The spot testnet's endpoints (orders there move no real money; its klines are the testnet's own).</summary>
    public static BinanceOptions SpotTestnet() => new() { RestBaseUrl = TestnetRestUrl, StreamBaseUrl = TestnetStreamUrl };

    /// <summary>Refuses values Binance would refuse or that cannot work, naming the setting.</summary>
    public BinanceOptions Validate()
    {
        CheckUrl(RestBaseUrl, nameof(RestBaseUrl), "http", "https");
        CheckUrl(StreamBaseUrl, nameof(StreamBaseUrl), "ws", "wss");
        if (RecvWindowMs is <= 0 or > 60_000)
            throw new InputException($"Binance:{nameof(RecvWindowMs)} = {RecvWindowMs}: must be in 1..60000 ms (Binance refuses larger windows)");
        if (RequestTimeout <= TimeSpan.Zero) throw new InputException($"Binance:{nameof(RequestTimeout)} must be positive");
        if (RequestWeightLimit <= 0) throw new InputException($"Binance:{nameof(RequestWeightLimit)} must be positive");
        if (RequestWeightWindow <= TimeSpan.Zero) throw new InputException($"Binance:{nameof(RequestWeightWindow)} must be positive");
        if (RequestWeightHeadroom is <= 0 or > 1) throw new InputException($"Binance:{nameof(RequestWeightHeadroom)} = {RequestWeightHeadroom}: must be in (0, 1]");
        if (MaxRetries < 0) throw new InputException($"Binance:{nameof(MaxRetries)} must not be negative");
        return this;
    }

    private static void CheckUrl(string value, string name, params string[] schemes)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || !schemes.Contains(uri.Scheme))
            throw new InputException($"Binance:{name} = '{value}': expected an absolute {string.Join(" or ", schemes)} URL such as {(schemes[0] == "http" ? ProductionRestUrl : ProductionStreamUrl)}");
    }

    internal Uri RestUri(string pathAndQuery) => new(RestBaseUrl.TrimEnd('/') + pathAndQuery);
}
