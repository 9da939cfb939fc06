using Fibo.Messages.MarketData;

namespace Fibo.Actors.Domain.Features;

/// <summary>
/// Per-series incremental feature state: feed closed candles in time order, one at a time; each call writes that
/// candle's feature row. O(1) per candle (O(lookback) worst case only for the rolling max/min), no allocation.
/// Equal to <see cref="IBatchFeatures"/> over the same candles to 1e-9 at every row (NaN where batch is NaN).
/// Not thread-safe: one instance per series, owned by one actor.
/// </summary>
public interface IStreamingFeatures
{
    FeatureSet Set { get; }

    /// <summary>Number of values written per row (= <c>Set.Columns.Count</c>).</summary>
    int ColumnCount { get; }

    /// <summary>How many candles were fed since construction or the last <see cref="Reset"/>.</summary>
    long Count { get; }

    /// <summary>
    /// Feeds the next candle and writes its row into <paramref name="row"/> (length ≥ <see cref="ColumnCount"/>), in
    /// the set's column order. Returns true when the row is complete (no NaN), i.e. the seed's dropna would keep it.
    /// </summary>
    bool Update(in Candle candle, Span<double> row);

    /// <summary>Forgets every candle (the state is as new, buffers are reused).</summary>
    void Reset();
}
