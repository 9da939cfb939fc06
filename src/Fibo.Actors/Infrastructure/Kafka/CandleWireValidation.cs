using Fibo.Messages.MarketData;
using Fibo.Messages.Primitives;

namespace Fibo.Actors.Infrastructure.Kafka;

/// <summary>
/// The edge check of a decoded candle before it reaches an entity: values no series may store (fault F4). Returns the
/// reason, or null when the candle is sane. Series-specific rules (order, gaps, revisions) are the entity's.
/// </summary>
public static class CandleWireValidation
{
    public static string? Problem(SeriesKey series, in Candle c, long nowMs)
    {
        if (!double.IsFinite(c.Open) || !double.IsFinite(c.High) || !double.IsFinite(c.Low) || !double.IsFinite(c.Close))
            return $"non-finite price (open {c.Open}, high {c.High}, low {c.Low}, close {c.Close})";
        if (!double.IsFinite(c.Volume)) return $"non-finite volume {c.Volume}";
        if (c.Open <= 0 || c.High <= 0 || c.Low <= 0 || c.Close <= 0)
            return $"non-positive price (open {c.Open}, high {c.High}, low {c.Low}, close {c.Close})";
        if (c.Volume < 0) return $"negative volume {c.Volume}";
        if (c.High < c.Low) return $"high {c.High} < low {c.Low}";
        if (c.High < Math.Max(c.Open, c.Close)) return $"high {c.High} below open {c.Open} or close {c.Close}";
        if (c.Low > Math.Min(c.Open, c.Close)) return $"low {c.Low} above open {c.Open} or close {c.Close}";
        if (c.OpenTime <= 0) return $"open time {c.OpenTime} is not a UTC millisecond timestamp";
        if (c.CloseTime < c.OpenTime) return $"close time {c.CloseTime} before open time {c.OpenTime}";
        if (!series.Timeframe.IsAligned(c.OpenTime))
            return $"open time {c.OpenTime} is not on a {series.Timeframe.Code} boundary";
        // A candle may be stamped slightly ahead by a skewed clock, never by a whole period.
        if (c.OpenTime > nowMs + series.Timeframe.ApproximateMilliseconds)
            return $"open time {DateTimeOffset.FromUnixTimeMilliseconds(c.OpenTime):u} is in the future";
        if (c.Trades is < 0) return $"negative trade count {c.Trades}";
        return null;
    }
}
