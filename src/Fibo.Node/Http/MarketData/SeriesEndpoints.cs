namespace Fibo.Node.Http.MarketData;

/// <summary><c>/api/series</c>: the series of the candle store and their live entities, one series' status, its last candles.</summary>
internal static class SeriesEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var series = api.MapGroup("/series");
        series.MapGet("", (SeriesInspector inspector, CancellationToken ct) => inspector.ListAsync(ct));
        series.MapGet("/{key}", (SeriesInspector inspector, string key, CancellationToken ct) => inspector.ShowAsync(key, ct));
        series.MapGet("/{key}/candles", (SeriesInspector inspector, string key, int? limit, CancellationToken ct) =>
            inspector.CandlesAsync(key, limit ?? 200, ct));
    }
}
