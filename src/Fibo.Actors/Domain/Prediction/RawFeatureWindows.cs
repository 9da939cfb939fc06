namespace Fibo.Actors.Domain.Prediction;

/// <summary>
/// Unscaled float64 feature windows, N × seq_len × F row-major, exactly as the feature code computed them. This is
/// the only input type the inference API accepts: scaling happens inside <see cref="ModelSnapshot"/> with the
/// model's own scaler, once, so already-scaled data cannot be passed in by mistake (SEED-SPEC §12 B.7–B.9).
/// </summary>
public sealed class RawFeatureWindows
{
    public RawFeatureWindows(double[] values, int count, int seqLen, int features)
    {
        if (count < 0 || seqLen < 1 || features < 1) throw new ArgumentException($"bad window shape {count}×{seqLen}×{features}");
        if (values.Length != (long)count * seqLen * features)
            throw new ArgumentException($"{values.Length} values do not make {count} windows of {seqLen}×{features}");
        Values = values;
        Count = count;
        SeqLen = seqLen;
        Features = features;
    }

    public double[] Values { get; }
    public int Count { get; }
    public int SeqLen { get; }
    public int Features { get; }

    public ReadOnlySpan<double> Window(int i) => Values.AsSpan(i * SeqLen * Features, SeqLen * Features);

    /// <summary>One window from seq_len rows of F values each.</summary>
    public static RawFeatureWindows Single(IReadOnlyList<double[]> rows)
    {
        if (rows.Count == 0) throw new ArgumentException("a window needs at least one row");
        var f = rows[0].Length;
        var values = new double[rows.Count * f];
        for (var r = 0; r < rows.Count; r++)
        {
            if (rows[r].Length != f) throw new ArgumentException($"row {r} has {rows[r].Length} values, row 0 has {f}");
            rows[r].CopyTo(values, r * f);
        }
        return new RawFeatureWindows(values, 1, rows.Count, f);
    }

    /// <summary>Stacks windows of seq_len × F values each (one per series) into one batch.</summary>
    public static RawFeatureWindows Stack(IReadOnlyList<double[]> windows, int seqLen, int features)
    {
        var step = seqLen * features;
        var values = new double[windows.Count * step];
        for (var i = 0; i < windows.Count; i++)
        {
            if (windows[i].Length != step) throw new ArgumentException($"window {i} has {windows[i].Length} values, expected {seqLen}×{features}");
            windows[i].CopyTo(values, i * step);
        }
        return new RawFeatureWindows(values, windows.Count, seqLen, features);
    }
}
