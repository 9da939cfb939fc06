using Fibo.Actors.Domain.Features;
using Fibo.Actors.Domain.Prediction;
using Fibo.Messages.MarketData;
using Fibo.Messages.Primitives;

namespace Fibo.Actors.Domain.Trading;

/// <summary>
/// <see cref="IFeatureWindow"/> over the streaming feature engine: each candle updates the set's incremental state,
/// the row is projected to the model's column order, and a window is ready once the last <see cref="SequenceLength"/>
/// rows are all complete and contiguous. The rules are the dataset's, so live windows equal training windows: rows with
/// a NaN (the warm-up) never enter a window, and a window never spans a gap (a step larger than
/// <c>maxGapMultiplier</c> × the timeframe; the features themselves run on through it, as the batch computation does).
/// </summary>
public sealed class StreamingFeatureWindow : IFeatureWindow
{
    private readonly IStreamingFeatures _features;
    private readonly int[] _columns;
    private readonly double[] _row;
    private readonly double[] _ring;
    private readonly long _maxStepMs;
    private int _next;
    private int _contiguous;
    private long? _lastOpenTime;

    public StreamingFeatureWindow(FeatureSet set, IReadOnlyList<string> columns, int sequenceLength, Timeframe timeframe, double maxGapMultiplier = 2.0)
    {
        if (sequenceLength < 1) throw new InputException($"a feature window needs a sequence length of at least 1, got {sequenceLength}");
        var (ok, missing) = FeatureRegistry.ValidateCompatibility(columns, set);
        if (!ok)
            throw new InputException($"feature set {set.Name} does not produce the columns [{string.Join(", ", missing)}]: use the feature set the model was trained with");
        _features = set.CreateStreaming();
        _columns = columns.Select(set.IndexOf).ToArray();
        _row = new double[_features.ColumnCount];
        SequenceLength = sequenceLength;
        FeatureCount = _columns.Length;
        _ring = new double[sequenceLength * FeatureCount];
        _maxStepMs = (long)(maxGapMultiplier * timeframe.ApproximateMilliseconds);
        Set = set;
        Columns = columns.ToArray();
    }

    /// <summary>
    /// The window the model <paramref name="meta"/> was trained on: its registered feature set (checked against its
    /// columns by <see cref="ModelInputs.FeatureSetOf"/>, the same rule <c>fibo predict</c> uses), its column order, its seq_len.
    /// </summary>
    public static StreamingFeatureWindow ForModel(ModelMeta meta, Timeframe timeframe) =>
        new(ModelInputs.FeatureSetOf(meta), meta.FeatureNames, meta.SeqLen, timeframe);

    public FeatureSet Set { get; }
    public IReadOnlyList<string> Columns { get; }
    public int SequenceLength { get; }
    public int FeatureCount { get; }

    /// <summary>Complete, contiguous rows at the end of the window so far (<see cref="SequenceLength"/> when it is ready).</summary>
    public int Fill => _contiguous;

    public bool Push(Candle candle)
    {
        if (_lastOpenTime is { } last && candle.OpenTime - last > _maxStepMs) _contiguous = 0;
        _lastOpenTime = candle.OpenTime;
        if (!_features.Update(candle, _row))
        {
            _contiguous = 0;
            return false;
        }
        var slot = _ring.AsSpan(_next * FeatureCount, FeatureCount);
        for (var j = 0; j < _columns.Length; j++) slot[j] = _row[_columns[j]];
        _next = (_next + 1) % SequenceLength;
        _contiguous = Math.Min(_contiguous + 1, SequenceLength);
        return _contiguous == SequenceLength;
    }

    public void CopyWindowTo(Span<double> destination)
    {
        if (_contiguous < SequenceLength) throw new InvalidOperationException("no complete window yet: copy only after Push returned true");
        // _next is the oldest row once the ring is full.
        var size = FeatureCount;
        var tail = (SequenceLength - _next) * size;
        _ring.AsSpan(_next * size, tail).CopyTo(destination);
        _ring.AsSpan(0, _next * size).CopyTo(destination[tail..]);
    }
}
