using System.Text.Json.Serialization;

namespace Fibo.Messages.Primitives;

/// <summary>
/// A trading pair. <see cref="Exchange"/> is Binance's spelling ("ETHBTC"), the canonical form stored in the
/// candle table (SEED-SPEC §13); <see cref="Display"/> is the file/key spelling ("ETH_BTC") when the base and quote
/// are known. Parses "ETH_BTC", "ETH/BTC", "eth-btc" and "ETHBTC" (split on a known quote asset).
/// </summary>
[JsonConverter(typeof(SymbolJsonConverter))]
public readonly record struct Symbol
{
    /// <summary>Quote assets used to split a bare exchange symbol, longest first so "FDUSD" wins over "USD".</summary>
    public static readonly IReadOnlyList<string> KnownQuotes =
        new[] { "FDUSD", "USDT", "USDC", "TUSD", "BUSD", "USD", "BTC", "ETH", "BNB", "EUR", "GBP", "TRY", "BRL", "JPY", "DAI" };

    public string Base { get; }
    public string Quote { get; }

    public Symbol(string @base, string quote)
    {
        if (string.IsNullOrWhiteSpace(@base)) throw new ArgumentException("symbol base asset is empty", nameof(@base));
        Base = @base.Trim().ToUpperInvariant();
        Quote = (quote ?? "").Trim().ToUpperInvariant();
        if (!Base.All(char.IsAsciiLetterOrDigit) || !Quote.All(char.IsAsciiLetterOrDigit))
            throw new FormatException($"invalid symbol '{@base}/{quote}': only letters and digits are allowed in an asset name");
    }

    /// <summary>Binance's symbol, e.g. "ETHBTC".</summary>
    public string Exchange => Base + Quote;

    /// <summary>Our display and file spelling, e.g. "ETH_BTC" (or "ETHBTC" when the quote is unknown).</summary>
    public string Display => Quote.Length == 0 ? Base : Base + "_" + Quote;

    public override string ToString() => Display;

    public static Symbol Parse(string text) =>
        TryParse(text, out var s, out var error) ? s : throw new FormatException(error);

    public static bool TryParse(string? text, out Symbol symbol, out string error)
    {
        symbol = default;
        var s = (text ?? "").Trim().ToUpperInvariant();
        if (s.Length == 0) { error = "symbol is empty; expected e.g. ETH_BTC, ETH/BTC or ETHBTC"; return false; }
        var parts = s.Split('_', '/', '-');
        try
        {
            if (parts.Length == 2 && parts[0].Length > 0 && parts[1].Length > 0)
            {
                symbol = new Symbol(parts[0], parts[1]);
                error = "";
                return true;
            }
            if (parts.Length != 1)
            {
                error = $"invalid symbol '{text}': expected BASE_QUOTE, BASE/QUOTE or the exchange spelling like ETHBTC";
                return false;
            }
            foreach (var q in KnownQuotes)
            {
                if (s.Length > q.Length && s.EndsWith(q, StringComparison.Ordinal))
                {
                    symbol = new Symbol(s[..^q.Length], q);
                    error = "";
                    return true;
                }
            }
            symbol = new Symbol(s, "");
            error = "";
            return true;
        }
        catch (FormatException e)
        {
            error = e.Message;
            return false;
        }
    }
}
