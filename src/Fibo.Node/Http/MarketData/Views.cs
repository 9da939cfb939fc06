using System.Globalization;
using Fibo.Actors.Infrastructure.MarketData;
using Fibo.Messages.MarketData;
using Fibo.Node.Http.Contracts;

namespace Fibo.Node.Http.MarketData;

/// <summary>Domain values → the API's views.</summary>
internal static class Views
{
    public static string Time(long ms) =>
        DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static CandleView Candle(Candle c) => new(c.OpenTime, Time(c.OpenTime), c.Open, c.High, c.Low, c.Close, c.Volume);

    public static StoredSeriesView Stored(SeriesInfo s) => new(s.Rows, s.FirstOpenTime, s.LastOpenTime, Time(s.FirstOpenTime), Time(s.LastOpenTime));

    public static SeriesStatusView Status(SeriesStatus s) => new(
        s.Series.ToString(),
        s.State,
        s.LastCandle is { } c ? Candle(c) : null,
        s.CandlesProcessed,
        s.Duplicates,
        s.Revisions,
        s.Backfilled,
        s.WindowFill,
        s.WindowSize,
        s.Predictions,
        s.LastPredictionOpenTime,
        s.LastPredictedReturn,
        s.LastPredictedVolatility,
        s.ModelVersion,
        s.Decisions,
        s.Orders,
        s.PendingDecisions,
        s.Account,
        s.PositionQuantity,
        s.PositionAverageEntryPrice,
        s.PendingOrder);
}
