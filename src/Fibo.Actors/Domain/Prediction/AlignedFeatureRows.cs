namespace Fibo.Actors.Domain.Prediction;

/// <summary>
/// Raw (unscaled) feature rows of one series after the warm-up, each aligned with its candle's open time and close:
/// what inference windows and offline forecasts are cut from. Values are row-major T × F float64.
/// </summary>
public sealed class AlignedFeatureRows
{
    public AlignedFeatureRows(IReadOnlyList<string> featureNames, double[] values, long[] openTimes, double[] close)
    {
        var f = featureNames.Count;
        if (f == 0) throw new ArgumentException("no feature columns");
        if (openTimes.Length != close.Length) throw new ArgumentException($"{openTimes.Length} open times but {close.Length} closes");
        if (values.Length != (long)openTimes.Length * f)
            throw new ArgumentException($"{values.Length} values are not {openTimes.Length} rows × {f} features");
        FeatureNames = featureNames.ToArray();
        Values = values;
        OpenTimes = openTimes;
        Close = close;
    }

    public IReadOnlyList<string> FeatureNames { get; }
    public double[] Values { get; }
    public long[] OpenTimes { get; }
    public double[] Close { get; }
    public int Count => OpenTimes.Length;
    public int FeatureCount => FeatureNames.Count;

    /// <summary>
    /// The columns <paramref name="names"/> in that order, chosen by name (so a model always gets its own order);
    /// fails listing every missing column.
    /// </summary>
    public AlignedFeatureRows Project(IReadOnlyList<string> names)
    {
        if (names.SequenceEqual(FeatureNames)) return this;
        var index = FeatureNames.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => p.i);
        var missing = names.Where(n => !index.ContainsKey(n)).ToList();
        if (missing.Count > 0)
            throw new InputException($"the model needs feature columns that the input does not have: [{string.Join(", ", missing)}] " +
                                     $"(input has: {string.Join(", ", FeatureNames)}); compute the model's feature set");
        var cols = names.Select(n => index[n]).ToArray();
        var values = new double[Count * cols.Length];
        for (var r = 0; r < Count; r++)
            for (var j = 0; j < cols.Length; j++)
                values[r * cols.Length + j] = Values[r * FeatureCount + cols[j]];
        return new AlignedFeatureRows(names, values, OpenTimes, Close);
    }

    /// <summary>
    /// Last rows of every complete window of <paramref name="seqLen"/> rows that does not span a gap in time
    /// (a step larger than <paramref name="maxGapMultiplier"/> × the median step, the seed's gap rule of §5.1).
    /// </summary>
    public IReadOnlyList<int> CompleteWindowEnds(int seqLen, double maxGapMultiplier = 2.0)
    {
        var ends = new List<int>();
        if (Count < seqLen) return ends;
        var gapBefore = GapMarks(maxGapMultiplier);
        // prefix[i] = number of gaps between rows 0..i (a gap at i means OpenTimes[i] − OpenTimes[i−1] is too large).
        var prefix = new int[Count];
        for (var i = 1; i < Count; i++) prefix[i] = prefix[i - 1] + (gapBefore[i] ? 1 : 0);
        for (var end = seqLen - 1; end < Count; end++)
        {
            var start = end - seqLen + 1;
            if (prefix[end] - prefix[start] == 0) ends.Add(end);
        }
        return ends;
    }

    /// <summary>The windows that end at the given rows, as raw values for <see cref="ModelSnapshot.PredictAll"/>.</summary>
    public RawFeatureWindows Windows(int seqLen, IReadOnlyList<int> endRows)
    {
        var f = FeatureCount;
        var step = seqLen * f;
        var values = new double[endRows.Count * step];
        for (var i = 0; i < endRows.Count; i++)
        {
            var start = endRows[i] - seqLen + 1;
            if (start < 0 || endRows[i] >= Count) throw new ArgumentOutOfRangeException(nameof(endRows), $"window ending at row {endRows[i]} is outside 0..{Count - 1}");
            Values.AsSpan(start * f, step).CopyTo(values.AsSpan(i * step));
        }
        return new RawFeatureWindows(values, endRows.Count, seqLen, f);
    }

    private bool[] GapMarks(double multiplier)
    {
        var marks = new bool[Count];
        if (Count < 3) return marks;
        var deltas = new long[Count - 1];
        for (var i = 1; i < Count; i++) deltas[i - 1] = OpenTimes[i] - OpenTimes[i - 1];
        var sorted = deltas.Order().ToArray();
        var median = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2.0;
        for (var i = 1; i < Count; i++) marks[i] = deltas[i - 1] > multiplier * median;
        return marks;
    }
}
