using Fibo.Messages.MarketData;

namespace Fibo.Actors.Domain.Features.Indicators;

/// <summary>Writes one feature row from the indicator values at a candle; returns true when the row is complete.</summary>
internal delegate bool RowWriter(in IndicatorValues values, Span<double> row);

/// <summary>A feature set's batch implementation: the batch indicator engine, then the set's row formulas per candle.</summary>
internal sealed class BatchFeatures(FeatureSet set, bool withLevels, RowWriter writer) : IBatchFeatures
{
    public FeatureSet Set => set;

    public FeatureFrame Compute(ReadOnlySpan<Candle> candles)
    {
        var engine = new BatchIndicators(candles, withLevels);
        int f = set.Columns.Count;
        var values = new double[candles.Length * f];
        var ts = new long[candles.Length];
        var close = new double[candles.Length];
        var v = new IndicatorValues();
        for (int t = 0; t < candles.Length; t++)
        {
            engine.Fill(t, ref v);
            writer(in v, values.AsSpan(t * f, f));
            ts[t] = candles[t].OpenTime;
            close[t] = candles[t].Close;
        }
        return new FeatureFrame(set.Columns, ts, close, values);
    }
}

/// <summary>A feature set's streaming implementation: the streaming indicator engine, then the same row formulas.</summary>
internal sealed class StreamingFeatures(FeatureSet set, bool withLevels, RowWriter writer) : IStreamingFeatures
{
    private readonly StreamingIndicators _engine = new(withLevels);
    private IndicatorValues _values;

    public FeatureSet Set => set;
    public int ColumnCount => set.Columns.Count;
    public long Count => _engine.Count;

    public bool Update(in Candle candle, Span<double> row)
    {
        if (row.Length < ColumnCount)
            throw new ArgumentException($"the row span holds {row.Length} values; feature set {set.Name} writes {ColumnCount}", nameof(row));
        _engine.Push(in candle, ref _values);
        return writer(in _values, row);
    }

    public void Reset() => _engine.Reset();
}
