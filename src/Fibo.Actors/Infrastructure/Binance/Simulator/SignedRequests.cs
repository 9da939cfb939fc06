using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Fibo.Actors.Infrastructure.Binance.Simulator;

/// <summary>A request's parameters: query string and form body merged, the query winning (Binance's rule).</summary>
internal sealed class RequestParams(Dictionary<string, string> values, string query, string body)
{
    public string Query { get; } = query;
    public string Body { get; } = body;

    public string? this[string name] => values.TryGetValue(name, out var v) && v.Length > 0 ? v : null;

    public bool Has(string name) => values.ContainsKey(name);

    public static async Task<RequestParams> ReadAsync(HttpRequest request)
    {
        string query = request.QueryString.HasValue ? request.QueryString.Value![1..] : "";
        string body = "";
        if (request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true)
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            body = await reader.ReadToEndAsync();
        }
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in Parse(body)) values[k] = v;
        foreach (var (k, v) in Parse(query)) values[k] = v;
        return new RequestParams(values, query, body);
    }

    public (decimal? Value, SimulatorError? Error) Decimal(string name)
    {
        if (this[name] is not { } text) return (null, null);
        return decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d) && d >= 0
            ? (d, null)
            : (null, SimulatorError.BadRequest(-1100, $"Illegal characters found in parameter '{name}'; legal range is '^([0-9]{{1,20}})(\\.[0-9]{{1,20}})?$'."));
    }

    public (long? Value, SimulatorError? Error) Long(string name)
    {
        if (this[name] is not { } text) return (null, null);
        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)
            ? (l, null)
            : (null, SimulatorError.BadRequest(-1100, $"Illegal characters found in parameter '{name}'; legal range is '^[0-9]{{1,20}}$'."));
    }

    private static IEnumerable<(string, string)> Parse(string text)
    {
        foreach (var part in text.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = part.IndexOf('=');
            string k = eq < 0 ? part : part[..eq];
            string v = eq < 0 ? "" : part[(eq + 1)..];
            yield return (Unescape(k), Unescape(v));
        }
    }

    private static string Unescape(string s) => Uri.UnescapeDataString(s.Replace('+', ' '));
}

/// <summary>
/// Binance's SIGNED endpoint security: the API key in <c>X-MBX-APIKEY</c>, an HMAC-SHA256 <c>signature</c> of
/// <c>totalParams</c> (query string then body, without the signature itself) with the secret, and a <c>timestamp</c> with
/// <c>timestamp &lt; serverTime + 1000</c> and <c>serverTime − timestamp ≤ recvWindow</c> (default 5000, max 60000).
/// </summary>
internal sealed class SignedRequestVerifier(BinanceCredentials credentials)
{

    public SimulatorError? Verify(HttpRequest request, RequestParams p, long serverNowMs)
    {
        var key = request.Headers["X-MBX-APIKEY"].ToString();
        if (string.IsNullOrEmpty(key)) return new SimulatorError(401, -2014, "API-key format invalid.");
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(credentials.ApiKey)))
            return new SimulatorError(401, -2015, "Invalid API-key, IP, or permissions for action.");
        if (p["signature"] is not { } signature)
            return SimulatorError.BadRequest(-1102, "Mandatory parameter 'signature' was not sent, was empty/null, or malformed.");
        if (p["timestamp"] is null)
            return SimulatorError.BadRequest(-1102, "Mandatory parameter 'timestamp' was not sent, was empty/null, or malformed.");

        string total = WithoutSignature(p.Query) + WithoutSignature(p.Body);
        var expected = credentials.Sign(total);
        if (!string.Equals(expected, signature, StringComparison.OrdinalIgnoreCase))
            return SimulatorError.BadRequest(-1022, "Signature for this request is not valid.");

        var (timestamp, tsError) = p.Long("timestamp");
        if (tsError is not null) return tsError;
        var (recvWindow, rwError) = p.Long("recvWindow");
        if (rwError is not null) return rwError;
        long window = recvWindow ?? 5000;
        if (window > 60_000) return SimulatorError.BadRequest(-1131, "recvWindow must be less than 60000");
        if (timestamp >= serverNowMs + 1000) return SimulatorError.BadRequest(-1021, "Timestamp for this request was 1000ms ahead of the server's time.");
        if (serverNowMs - timestamp > window) return SimulatorError.BadRequest(-1021, "Timestamp for this request is outside of the recvWindow.");
        return null;
    }

    private static string WithoutSignature(string text)
    {
        if (text.Length == 0) return text;
        var parts = text.Split('&').Where(part => !part.StartsWith("signature=", StringComparison.Ordinal));
        return string.Join('&', parts);
    }
}
