using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Fibo.Messages.Primitives;
using Fibo.Messages.Trading;

namespace Fibo.Actors.Domain.Trading;

/// <summary>
/// Deterministic client order ids: the same (account, series, candle open time, side) always gives the same id, so a
/// restarted entity that decides the same candle again regenerates it and the ledger and the exchange see one order.
/// The id fits Binance's <c>newClientOrderId</c> (≤ 36 chars of <c>[.A-Z:/a-z0-9_-]</c>): "fibo-" + 30 hex digits
/// (120 bits of SHA-256), because account names and series keys may be long or hold other characters.
/// </summary>
public static partial class ClientOrderIds
{
    public const int MaxLength = 36;
    private const string Prefix = "fibo-";

    public static string For(string account, SeriesKey series, long candleOpenTime, OrderSide side)
    {
        // "v1" versions the recipe: changing it must never silently re-map old intents to new ids.
        var text = string.Create(CultureInfo.InvariantCulture, $"v1|{account}|{series}|{candleOpenTime}|{side}");
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return Prefix + Convert.ToHexStringLower(hash, 0, 15);
    }

    /// <summary>True when <paramref name="id"/> is acceptable to Binance as a client order id.</summary>
    public static bool IsValidForBinance(string? id) => id is not null && BinancePattern().IsMatch(id);

    [GeneratedRegex(@"^[\.A-Z\:/a-z0-9_-]{1,36}$")]
    private static partial Regex BinancePattern();
}
