namespace Fibo.Actors.Domain.Prediction;

/// <summary>
/// Training or evaluation sequences: X float32 (N × seq_len × F, row-major, already scaled) and, per horizon, the
/// return and volatility targets (SEED-SPEC §5.1). One horizon for an LSTM2Head, several for a multi-head model.
/// </summary>
public sealed class SequenceSet
{
    public SequenceSet(float[] x, int count, int seqLen, int features, IReadOnlyList<int> horizons,
        IReadOnlyList<float[]> yRet, IReadOnlyList<float[]> yVol, long[]? endTimes = null)
    {
        if (count < 0 || seqLen < 1 || features < 1) throw new ArgumentException($"bad shape {count}×{seqLen}×{features}");
        if (x.Length != (long)count * seqLen * features)
            throw new ArgumentException($"X has {x.Length} values, expected {count}×{seqLen}×{features} = {(long)count * seqLen * features}");
        if (horizons.Count == 0 || yRet.Count != horizons.Count || yVol.Count != horizons.Count)
            throw new ArgumentException($"{horizons.Count} horizons need as many y_ret and y_vol arrays (got {yRet.Count} and {yVol.Count})");
        for (var h = 0; h < horizons.Count; h++)
            if (yRet[h].Length != count || yVol[h].Length != count)
                throw new ArgumentException($"targets of horizon {horizons[h]} have {yRet[h].Length}/{yVol[h].Length} values for {count} sequences");
        if (endTimes is not null && endTimes.Length != count) throw new ArgumentException("one end time per sequence is needed");
        X = x;
        Count = count;
        SeqLen = seqLen;
        Features = features;
        Horizons = horizons.ToArray();
        YRet = yRet.ToArray();
        YVol = yVol.ToArray();
        EndTimes = endTimes;
    }

    public float[] X { get; }
    public int Count { get; }
    public int SeqLen { get; }
    public int Features { get; }
    public IReadOnlyList<int> Horizons { get; }
    public IReadOnlyList<float[]> YRet { get; }
    public IReadOnlyList<float[]> YVol { get; }

    /// <summary>Open time (UTC ms) of each sequence's last input candle, when known.</summary>
    public long[]? EndTimes { get; }

    /// <summary>A single-horizon set (LSTM2Head).</summary>
    public static SequenceSet SingleHorizon(float[] x, int count, int seqLen, int features, int horizon, float[] yRet, float[] yVol, long[]? endTimes = null) =>
        new(x, count, seqLen, features, [horizon], [yRet], [yVol], endTimes);

    /// <summary>Sequences [start, start + count) as a new set (copies).</summary>
    public SequenceSet Slice(int start, int count)
    {
        if (start < 0 || count < 0 || start + count > Count) throw new ArgumentOutOfRangeException(nameof(start), $"slice [{start}, {start + count}) outside 0..{Count}");
        var step = SeqLen * Features;
        return new SequenceSet(X.AsSpan(start * step, count * step).ToArray(), count, SeqLen, Features, Horizons,
            YRet.Select(y => y.AsSpan(start, count).ToArray()).ToList(),
            YVol.Select(y => y.AsSpan(start, count).ToArray()).ToList(),
            EndTimes?.AsSpan(start, count).ToArray());
    }

    /// <summary>Keeps only the targets of one horizon (to train an LSTM2Head on a multi-horizon dataset).</summary>
    public SequenceSet ForHorizon(int horizon)
    {
        var i = Horizons.ToList().IndexOf(horizon);
        if (i < 0) throw new ArgumentException($"horizon {horizon} not in [{string.Join(", ", Horizons)}]");
        return new SequenceSet(X, Count, SeqLen, Features, [horizon], [YRet[i]], [YVol[i]], EndTimes);
    }
}
