using System.Globalization;
using System.Text;

namespace Fibo.Actors.Infrastructure.Binance.Rest;

/// <summary>
/// Request parameters in the order they are added, rendered as <c>a=1&amp;b=2</c> with invariant numbers: what Binance
/// signs is exactly this text, so it is built once and sent as it was signed.
/// </summary>
public sealed class BinanceQuery
{
    private readonly List<KeyValuePair<string, string>> _items = [];

    public IReadOnlyList<KeyValuePair<string, string>> Items => _items;

    public BinanceQuery Add(string name, string? value)
    {
        if (value is not null) _items.Add(new(name, value));
        return this;
    }

    public BinanceQuery Add(string name, long? value) => Add(name, value?.ToString(CultureInfo.InvariantCulture));

    public BinanceQuery Add(string name, int? value) => Add(name, value?.ToString(CultureInfo.InvariantCulture));

    public BinanceQuery Add(string name, decimal? value) => Add(name, value is { } v ? Format(v) : null);

    /// <summary>A decimal as Binance reads it: plain digits, no exponent, no trailing zeros.</summary>
    public static string Format(decimal value) => value.ToString("0.############################", CultureInfo.InvariantCulture);

    public BinanceQuery Copy()
    {
        var q = new BinanceQuery();
        q._items.AddRange(_items);
        return q;
    }

    public override string ToString()
    {
        var sb = new StringBuilder();
        foreach (var (k, v) in _items)
        {
            if (sb.Length > 0) sb.Append('&');
            sb.Append(Uri.EscapeDataString(k)).Append('=').Append(Uri.EscapeDataString(v));
        }
        return sb.ToString();
    }
}
