using System.Text.Json;
using Fibo.Messages.MarketData;

namespace Fibo.Actors.Infrastructure.Binance.MarketData;

/// <summary>
/// The rows of <c>GET /api/v3/klines</c>: <c>[openTime, "open", "high", "low", "close", "volume", closeTime,
/// "quoteVolume", trades, "takerBuyBase", "takerBuyQuote", "ignore"]</c>.
/// </summary>
internal static class KlineRows
{
    public static List<Candle> Parse(JsonElement array, long serverNowMs)
    {
        var list = new List<Candle>(array.GetArrayLength());
        foreach (var row in array.EnumerateArray())
        {
            long open = row[0].GetInt64();
            long close = row[6].GetInt64();
            int? trades = row.GetArrayLength() > 8 && row[8].ValueKind == JsonValueKind.Number ? row[8].GetInt32() : null;
            list.Add(new Candle(open, BinanceJson.Double(row[1]), BinanceJson.Double(row[2]), BinanceJson.Double(row[3]),
                BinanceJson.Double(row[4]), BinanceJson.Double(row[5]), close, IsClosed: close < serverNowMs, trades));
        }
        return list;
    }
}
