using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Fibo.Actors.Domain;

namespace Fibo.Actors.Infrastructure.Binance;

/// <summary>
/// An API key and its secret. The secret never leaves this object except as an HMAC-SHA256 signature, and neither
/// value is printed: <see cref="ToString"/> says only whether they are set, so a credential that ends up in a log
/// template or an exception message leaks nothing. Sources: <c>FIBO_BINANCE_API_KEY</c> / <c>FIBO_BINANCE_API_SECRET</c>,
/// or a JSON secrets file <c>{"apiKey": "...", "apiSecret": "..."}</c> (path in <c>FIBO_BINANCE_SECRETS_FILE</c>).
/// </summary>
public sealed class BinanceCredentials
{
    public const string ApiKeyVariable = "FIBO_BINANCE_API_KEY";
    public const string ApiSecretVariable = "FIBO_BINANCE_API_SECRET";
    public const string SecretsFileVariable = "FIBO_BINANCE_SECRETS_FILE";

    private readonly byte[] _secret;

    public BinanceCredentials(string apiKey, string apiSecret)
    {
        if (string.IsNullOrWhiteSpace(apiKey)) throw new InputException("Binance API key is empty: set " + ApiKeyVariable);
        if (string.IsNullOrWhiteSpace(apiSecret)) throw new InputException("Binance API secret is empty: set " + ApiSecretVariable);
        if (!apiKey.All(c => c > ' ' && c < 127))
            throw new InputException($"Binance API key contains spaces or non-ASCII characters: check {ApiKeyVariable} (keys are printable ASCII)");
        ApiKey = apiKey.Trim();
        _secret = Encoding.UTF8.GetBytes(apiSecret.Trim());
    }

    /// <summary>Sent in the <c>X-MBX-APIKEY</c> header; not secret on its own, but still never logged.</summary>
    internal string ApiKey { get; }

    /// <summary>Lower-case hex HMAC-SHA256 of <paramref name="totalParams"/> with the secret (Binance's <c>signature</c>).</summary>
    public string Sign(string totalParams) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_secret, Encoding.UTF8.GetBytes(totalParams)));

    public override string ToString() => "BinanceCredentials(api key and secret set; values hidden)";

    /// <summary>From the environment variables, else the secrets file named by one; null when neither is set.</summary>
    public static BinanceCredentials? FromEnvironment()
    {
        var key = Environment.GetEnvironmentVariable(ApiKeyVariable);
        var secret = Environment.GetEnvironmentVariable(ApiSecretVariable);
        if (!string.IsNullOrWhiteSpace(key) || !string.IsNullOrWhiteSpace(secret))
        {
            if (string.IsNullOrWhiteSpace(key) || string.IsNullOrWhiteSpace(secret))
                throw new InputException($"only one of {ApiKeyVariable} and {ApiSecretVariable} is set: set both (or neither and use {SecretsFileVariable})");
            return new BinanceCredentials(key, secret);
        }
        var file = Environment.GetEnvironmentVariable(SecretsFileVariable);
        return string.IsNullOrWhiteSpace(file) ? null : FromFile(file);
    }

    /// <summary>Reads <c>{"apiKey": "...", "apiSecret": "..."}</c>. The error names the file and the missing field, never a value.</summary>
    public static BinanceCredentials FromFile(string path)
    {
        if (!File.Exists(path)) throw new InputException($"Binance secrets file '{path}' does not exist (set {SecretsFileVariable} to a JSON file with apiKey and apiSecret)");
        string? key, secret;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            key = Read(doc.RootElement, "apiKey");
            secret = Read(doc.RootElement, "apiSecret");
        }
        catch (JsonException e)
        {
            // The parser's message quotes no content beyond a position, so it is safe to pass on.
            throw new InputException($"Binance secrets file '{path}' is not valid JSON ({e.Message}); expected {{\"apiKey\": \"...\", \"apiSecret\": \"...\"}}");
        }
        if (string.IsNullOrWhiteSpace(key)) throw new InputException($"Binance secrets file '{path}' has no \"apiKey\"");
        if (string.IsNullOrWhiteSpace(secret)) throw new InputException($"Binance secrets file '{path}' has no \"apiSecret\"");
        return new BinanceCredentials(key, secret);
    }

    /// <summary>Like <see cref="FromEnvironment"/>, but a clear error when nothing is configured (trading needs keys).</summary>
    public static BinanceCredentials Require() =>
        FromEnvironment() ?? throw new InputException(
            $"no Binance API key: set {ApiKeyVariable} and {ApiSecretVariable}, or {SecretsFileVariable} to a JSON file {{\"apiKey\": \"...\", \"apiSecret\": \"...\"}}");

    private static string? Read(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
