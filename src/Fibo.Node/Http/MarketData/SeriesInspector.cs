using Akka.Actor;
using Fibo.Messages.MarketData;
using Fibo.Messages.Primitives;
using Fibo.Messages.Routing;
using Fibo.Node.Http.Contracts;
using Fibo.Node.Http.Sharding;

namespace Fibo.Node.Http.MarketData;

/// <summary>
/// Series as the store holds them and as their <c>candle-series</c> entities see them. Only live entities (or series
/// the store has) are asked for their status, so a typo never starts a phantom entity.
/// </summary>
public sealed class SeriesInspector(NodeCandleStore store, ShardingInspector sharding)
{
    public const int MaxCandles = 5000;

    public bool RegionRunning => sharding.HasType(SeriesMessageExtractor.TypeName);

    public async Task<SeriesListView> ListAsync(CancellationToken ct)
    {
        var candles = await store.GetAsync(ct);
        var stored = (await candles.ListSeriesAsync(ct)).ToDictionary(s => s.Key.ToString(), StringComparer.Ordinal);
        var running = RegionRunning;
        IReadOnlyList<string> live = [];
        string? entitiesError = null;
        if (running)
        {
            try
            {
                live = await sharding.EntityIdsAsync(SeriesMessageExtractor.TypeName);
            }
            catch (Exception e) when (e is AskTimeoutException or TimeoutException)
            {
                entitiesError = $"a candle-series region did not answer within {AskTimeouts.Default.TotalSeconds:0} s";
            }
        }
        var keys = stored.Keys.Union(live).Order(StringComparer.Ordinal).ToList();
        var liveSet = live.ToHashSet(StringComparer.Ordinal);
        var items = await Task.WhenAll(keys.Select(async key =>
        {
            var storedView = stored.TryGetValue(key, out var s) ? Views.Stored(s) : null;
            if (!liveSet.Contains(key)) return new SeriesSummaryView(key, storedView, false, null, null);
            try
            {
                var status = await AskStatusAsync(SeriesKey.Parse(key), ct);
                return new SeriesSummaryView(key, storedView, true, status, null);
            }
            catch (Exception e) when (e is AskTimeoutException or TimeoutException or FormatException or ArgumentException)
            {
                return new SeriesSummaryView(key, storedView, true, null, e.Message);
            }
        }));
        return new SeriesListView(candles.Describe, running, entitiesError, items);
    }

    public async Task<SeriesSummaryView> ShowAsync(string keyText, CancellationToken ct)
    {
        var key = ParseKey(keyText);
        var candles = await store.GetAsync(ct);
        var stored = (await candles.ListSeriesAsync(ct)).FirstOrDefault(s => s.Key == key);
        var storedView = stored is null ? null : Views.Stored(stored);
        if (!RegionRunning)
        {
            if (storedView is null) throw NotFound(key, await candles.ListSeriesAsync(ct));
            return new SeriesSummaryView(key.ToString(), storedView, false, null,
                "the candle-series region is not running on this node (start the pipeline with 'fibo run')");
        }
        var live = (await sharding.EntityIdsAsync(SeriesMessageExtractor.TypeName)).Contains(key.ToString());
        if (storedView is null && !live) throw NotFound(key, await candles.ListSeriesAsync(ct));
        return new SeriesSummaryView(key.ToString(), storedView, live, await AskStatusAsync(key, ct), null);
    }

    public async Task<CandlesView> CandlesAsync(string keyText, int limit, CancellationToken ct)
    {
        var key = ParseKey(keyText);
        if (limit < 1 || limit > MaxCandles) throw ApiException.BadRequest($"limit {limit} is out of range: use 1 to {MaxCandles}");
        var candles = await store.GetAsync(ct);
        var last = await candles.ReadLastAsync(key, limit, ct);
        if (last.Count == 0) throw NotFound(key, await candles.ListSeriesAsync(ct));
        return new CandlesView(key.ToString(), last.Count, last.Select(Views.Candle).ToList());
    }

    private async Task<SeriesStatusView> AskStatusAsync(SeriesKey key, CancellationToken ct)
    {
        var region = sharding.Region(SeriesMessageExtractor.TypeName);
        var status = await region.Ask<SeriesStatus>(new GetSeriesStatus(key), AskTimeouts.Default, ct);
        return Views.Status(status);
    }

    public static SeriesKey ParseKey(string text) =>
        SeriesKey.TryParse(text, out var key, out var error)
            ? key
            : throw ApiException.BadRequest($"'{text}' is not a series key: {error}");

    private static ApiException NotFound(SeriesKey key, IReadOnlyList<Fibo.Actors.Infrastructure.MarketData.SeriesInfo> known) =>
        ApiException.NotFound($"no series {key} in the candle store or among the live entities; the store has: " +
                              (known.Count == 0 ? "nothing (import candles with 'fibo data import')" : string.Join(", ", known.Select(s => s.Key))));
}
