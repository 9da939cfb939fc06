using System.Runtime.CompilerServices;
using Fibo.Actors.Domain;
using Fibo.Actors.Infrastructure.Binance.Rest;
using Fibo.Messages.MarketData;
using Fibo.Messages.Primitives;

namespace Fibo.Actors.Infrastructure.Binance.MarketData;

/// <summary>
/// Binance's public REST endpoints: server time, exchange information and klines, with history paging for backfills
/// and downloads. Weights are Binance's current ones (klines 2, exchangeInfo 20, time 1).
/// </summary>
public sealed class BinanceMarketData(BinanceHttp http)
{
    public const int MaxKlinesPerRequest = 1000;
    internal const int KlinesWeight = 2;
    internal const int ExchangeInfoWeight = 20;

    public BinanceHttp Http { get; } = http;

    public async Task<long> GetServerTimeAsync(CancellationToken ct = default)
    {
        using var doc = await Http.GetAsync("/api/v3/time", new BinanceQuery(), 1, ct);
        return doc.RootElement.GetProperty("serverTime").GetInt64();
    }

    /// <summary>Symbols and filters (all symbols, or just <paramref name="symbols"/>); adopts the announced weight limit.</summary>
    public async Task<BinanceExchangeInfo> GetExchangeInfoAsync(IReadOnlyCollection<string>? symbols = null, CancellationToken ct = default)
    {
        var query = new BinanceQuery();
        if (symbols is { Count: 1 }) query.Add("symbol", symbols.First());
        else if (symbols is { Count: > 1 }) query.Add("symbols", "[" + string.Join(",", symbols.Select(s => "\"" + s + "\"")) + "]");
        using var doc = await Http.GetAsync("/api/v3/exchangeInfo", query, ExchangeInfoWeight, ct);
        var info = BinanceExchangeInfo.Parse(doc.RootElement);
        if (info.RequestWeightPerMinute is { } limit && Http.Options.RequestWeightWindow == TimeSpan.FromMinutes(1))
            Http.Weight.SetLimit(limit, Http.Options.RequestWeightHeadroom);
        return info;
    }

    /// <summary><c>GET /api/v3/avgPrice</c>: the price Binance judges a market order's notional by (weight 2).</summary>
    public async Task<decimal> GetAveragePriceAsync(string symbol, CancellationToken ct = default)
    {
        using var doc = await Http.GetAsync("/api/v3/avgPrice", new BinanceQuery().Add("symbol", symbol), 2, ct);
        return BinanceJson.Decimal(doc.RootElement, "price");
    }

    /// <summary>
    /// One page of klines (open time in [<paramref name="startTime"/>, <paramref name="endTime"/>], at most
    /// <paramref name="limit"/>). The newest may still be in progress: <see cref="Candle.IsClosed"/> says so, judged
    /// against Binance's clock.
    /// </summary>
    public async Task<IReadOnlyList<Candle>> GetKlinesAsync(Symbol symbol, Timeframe timeframe, long? startTime, long? endTime,
        int limit = MaxKlinesPerRequest, CancellationToken ct = default)
    {
        if (!timeframe.IsBinanceInterval)
            throw new InputException($"timeframe {timeframe.Code} is not a Binance kline interval (use one of {string.Join(", ", Timeframe.BinanceIntervals)})");
        if (limit is < 1 or > MaxKlinesPerRequest) throw new ArgumentOutOfRangeException(nameof(limit), limit, "Binance serves 1..1000 klines per request");
        var query = new BinanceQuery()
            .Add("symbol", symbol.Exchange)
            .Add("interval", timeframe.Code)
            .Add("startTime", startTime)
            .Add("endTime", endTime)
            .Add("limit", limit);
        using var doc = await Http.GetAsync("/api/v3/klines", query, KlinesWeight, ct);
        return KlineRows.Parse(doc.RootElement, Http.Clock.NowMs);
    }

    /// <summary>
    /// The candles with open time in [<paramref name="fromOpenTime"/>, <paramref name="toOpenTime"/>], page by page
    /// (1000 per request, oldest first). With <paramref name="closedOnly"/> it stops at the first candle whose close time
    /// has not passed on Binance's clock; the feed passes false because it asks only up to the candle it sees in progress.
    /// </summary>
    public async IAsyncEnumerable<IReadOnlyList<Candle>> GetKlineRangeAsync(SeriesKey series, long fromOpenTime, long toOpenTime,
        bool closedOnly = true, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var tf = series.Timeframe;
        long cursor = tf.Floor(fromOpenTime);
        if (cursor < fromOpenTime) cursor = tf.Add(cursor);
        if (closedOnly && Http.Clock.NeedsSync) await Http.SyncTimeAsync(ct);
        while (cursor <= toOpenTime)
        {
            var page = await GetKlinesAsync(series.Symbol, tf, cursor, toOpenTime, MaxKlinesPerRequest, ct);
            var kept = new List<Candle>(page.Count);
            bool reachedOpenCandle = false;
            foreach (var c in page)
            {
                if (c.OpenTime < cursor || c.OpenTime > toOpenTime) continue;
                if (closedOnly && !c.IsClosed) { reachedOpenCandle = true; break; }
                kept.Add(c with { IsClosed = true });
            }
            if (kept.Count > 0) yield return kept;
            if (reachedOpenCandle || page.Count < MaxKlinesPerRequest) yield break;
            cursor = tf.Add(page[^1].OpenTime);
        }
    }
}
