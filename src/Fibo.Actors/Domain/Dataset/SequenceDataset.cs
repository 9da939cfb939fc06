namespace Fibo.Actors.Domain.Dataset;

/// <summary>
/// Model windows and targets (SEED-SPEC §5.1): X[i] is rows i' … t0 of the feature frame (float32, [N, seq_len, F]
/// row-major), and for every horizon h: y_ret[i] = ln C[t0+h] − ln C[t0] and y_vol[i] from the h future one-bar
/// log returns (see <see cref="VolTarget"/>), computed in float64 and stored as float32.
/// </summary>
public sealed class SequenceDataset
{
    private readonly float[] _x;
    private readonly float[][] _yRet;
    private readonly float[][] _yVol;
    private readonly int[] _endRows;
    private readonly long[] _endTimes;

    internal SequenceDataset(SequenceOptions options, IReadOnlyList<string> featureNames, float[] x, float[][] yRet, float[][] yVol,
        int[] endRows, long[] endTimes, int frameRows, GapReport gaps, int droppedWindows)
    {
        Options = options;
        FeatureNames = featureNames;
        _x = x;
        _yRet = yRet;
        _yVol = yVol;
        _endRows = endRows;
        _endTimes = endTimes;
        FrameRows = frameRows;
        Gaps = gaps;
        DroppedWindows = droppedWindows;
    }

    public SequenceOptions Options { get; }
    public int SeqLen => Options.SeqLen;
    public IReadOnlyList<int> Horizons => Options.Horizons;
    public IReadOnlyList<string> FeatureNames { get; }
    public int FeatureCount => FeatureNames.Count;

    /// <summary>Number of windows N.</summary>
    public int Count => _endRows.Length;

    /// <summary>Rows of the frame the windows were cut from.</summary>
    public int FrameRows { get; }

    /// <summary>The gaps found and the contiguous segments windows were built in.</summary>
    public GapReport Gaps { get; }

    /// <summary>Windows the seed would have built but that span a gap (0 under <see cref="GapPolicy.WarnOnly"/>).</summary>
    public int DroppedWindows { get; }

    /// <summary>X as one row-major float32 block of Count × SeqLen × FeatureCount values.</summary>
    public ReadOnlySpan<float> X => _x;

    /// <summary>The window i: SeqLen × FeatureCount values, row-major.</summary>
    public ReadOnlySpan<float> Window(int i) => _x.AsSpan(i * SeqLen * FeatureCount, SeqLen * FeatureCount);

    /// <summary>The last row (t0) of window i: FeatureCount values.</summary>
    public ReadOnlySpan<float> LastRow(int i) => _x.AsSpan(((i + 1) * SeqLen - 1) * FeatureCount, FeatureCount);

    /// <summary>Frame row index of t0 (the last input row) of each window.</summary>
    public ReadOnlySpan<int> EndRows => _endRows;

    /// <summary>Candle time (UTC ms) of t0 of each window.</summary>
    public ReadOnlySpan<long> EndTimes => _endTimes;

    /// <summary>y_ret for the horizon (default: the first).</summary>
    public ReadOnlySpan<float> YRet(int? horizon = null) => _yRet[HorizonIndex(horizon)];

    /// <summary>y_vol for the horizon (default: the first).</summary>
    public ReadOnlySpan<float> YVol(int? horizon = null) => _yVol[HorizonIndex(horizon)];

    private int HorizonIndex(int? horizon)
    {
        if (horizon is null) return 0;
        for (int i = 0; i < Horizons.Count; i++) if (Horizons[i] == horizon) return i;
        throw new ArgumentException($"horizon {horizon} was not built (horizons: {string.Join(", ", Horizons)})", nameof(horizon));
    }
}
