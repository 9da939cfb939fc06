using Fibo.Messages.MarketData;
using Fibo.Messages.Primitives;

namespace Fibo.Actors.Domain.MarketData;

/// <summary>A higher-timeframe bucket that lacked some of its lower-timeframe candles, so it was not emitted.</summary>
public sealed record IncompleteBucket(long OpenTime, int Present, int Expected);

/// <summary>The complete higher-timeframe candles, and the buckets left out because candles were missing.</summary>
public sealed record ResampleResult(IReadOnlyList<Candle> Candles, IReadOnlyList<IncompleteBucket> Incomplete);

/// <summary>
/// Builds candles of a higher timeframe from a lower one (1m → 5m, 5m → 1h, 1h → 1d, 1d → 1M …): open = first,
/// high = max, low = min, close = last, volume = sum. A bucket is emitted only when every lower candle is present;
/// incomplete buckets are reported, never silently emitted.
/// </summary>
public static class CandleResampler
{
    private const long FourDaysMs = 4 * Timeframe.MsPerDay; // weeks open on Monday, 1970-01-05

    /// <summary>Whether every <paramref name="to"/> candle is made of whole <paramref name="from"/> candles.</summary>
    public static bool CanResample(Timeframe from, Timeframe to, out string reason)
    {
        reason = "";
        if (from.IsCalendar) { reason = $"cannot resample from {from.Code}: months have no fixed length"; return false; }
        long f = from.Milliseconds;
        if (to.IsCalendar)
        {
            if (Timeframe.MsPerDay % f != 0) { reason = $"{from.Code} candles do not tile a day, so they cannot make {to.Code} candles"; return false; }
            return true;
        }
        long t = to.Milliseconds;
        if (t <= f) { reason = $"{to.Code} is not a higher timeframe than {from.Code}"; return false; }
        if (t % f != 0) { reason = $"{to.Code} is not a whole multiple of {from.Code}"; return false; }
        if (to.Unit == TimeframeUnit.Week && FourDaysMs % f != 0) { reason = $"{from.Code} candles do not align with Monday-based weeks"; return false; }
        return true;
    }

    public static ResampleResult Resample(IReadOnlyList<Candle> source, Timeframe from, Timeframe to)
    {
        if (!CanResample(from, to, out var reason)) throw new InputException($"cannot resample {from.Code} → {to.Code}: {reason}");
        var candles = new List<Candle>();
        var incomplete = new List<IncompleteBucket>();
        int i = 0;
        while (i < source.Count)
        {
            long bucket = to.Floor(source[i].OpenTime);
            long next = to.Add(bucket);
            int expected = (int)from.CandlesBetween(bucket, next);
            var first = source[i];
            double high = first.High, low = first.Low, volume = 0;
            Candle last = first;
            int present = 0;
            long previous = long.MinValue;
            for (; i < source.Count && source[i].OpenTime < next; i++)
            {
                var c = source[i];
                if (c.OpenTime <= previous) throw new ArgumentException("source candles must be strictly ascending", nameof(source));
                if (!from.IsAligned(c.OpenTime)) throw new ArgumentException($"source candle at {TimestampUnits.Iso(c.OpenTime)} is not aligned to {from.Code}", nameof(source));
                previous = c.OpenTime;
                high = Math.Max(high, c.High);
                low = Math.Min(low, c.Low);
                volume += c.Volume;
                last = c;
                present++;
            }
            if (present == expected)
                candles.Add(Candle.Closed(bucket, first.Open, high, low, last.Close, volume, next));
            else
                incomplete.Add(new IncompleteBucket(bucket, present, expected));
        }
        return new ResampleResult(candles, incomplete);
    }
}
