using Fibo.Messages.MarketData;
using Fibo.Messages.Primitives;

namespace Fibo.Actors.Domain.MarketData;

/// <summary>
/// What filling a series' gaps from a lower timeframe gives: the candles that fill missing slots, the slots whose
/// lower candles were incomplete, and the slots with no lower data at all.
/// </summary>
public sealed record GapFill(IReadOnlyList<Candle> Filled, IReadOnlyList<IncompleteBucket> Incomplete, long Unfilled);

/// <summary>Fills the gaps of a series with candles resampled from a lower timeframe of the same symbol.</summary>
public static class GapFiller
{
    public static GapFill Fill(GapReport gaps, IReadOnlyList<Candle> lower, Timeframe lowerTimeframe)
    {
        if (gaps.Gaps.Count == 0) return new GapFill([], [], 0);
        var target = gaps.Timeframe;
        long first = gaps.Gaps[0].FirstMissingOpenTime, last = gaps.Gaps[^1].LastMissingOpenTime;
        var window = lower.Where(c => c.OpenTime >= first && c.OpenTime < target.Add(last)).ToList();
        var resampled = CandleResampler.Resample(window, lowerTimeframe, target);

        bool InGap(long t)
        {
            // Gaps are ascending and disjoint: binary search for the last gap starting at or before t.
            int lo = 0, hi = gaps.Gaps.Count - 1, found = -1;
            while (lo <= hi)
            {
                int mid = (lo + hi) >>> 1;
                if (gaps.Gaps[mid].FirstMissingOpenTime <= t) { found = mid; lo = mid + 1; } else hi = mid - 1;
            }
            return found >= 0 && t <= gaps.Gaps[found].LastMissingOpenTime;
        }
        var filled = resampled.Candles.Where(c => InGap(c.OpenTime)).ToList();
        var incomplete = resampled.Incomplete.Where(b => InGap(b.OpenTime)).ToList();
        return new GapFill(filled, incomplete, gaps.MissingCandles - filled.Count - incomplete.Count);
    }
}
