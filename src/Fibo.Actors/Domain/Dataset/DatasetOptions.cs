namespace Fibo.Actors.Domain.Dataset;

/// <summary>How windows and targets are built (SEED-SPEC §5.1; the gap and vol-target rules are the port's options).</summary>
public sealed record SequenceOptions
{
    public SequenceOptions(int seqLen, IReadOnlyList<int> horizons)
    {
        if (seqLen < 1) throw new InputException($"seq_len must be at least 1, got {seqLen}");
        if (horizons.Count == 0) throw new InputException("at least one horizon is needed");
        if (horizons.Any(h => h < 1)) throw new InputException($"horizons must be at least 1 bar, got [{string.Join(", ", horizons)}]");
        SeqLen = seqLen;
        Horizons = horizons.Distinct().Order().ToArray();
    }

    public SequenceOptions(int seqLen = 32, int horizon = 1) : this(seqLen, [horizon]) { }

    public int SeqLen { get; }

    /// <summary>Sorted, distinct horizons in bars; windows are built for the largest (the seed's multi-horizon rule).</summary>
    public IReadOnlyList<int> Horizons { get; }

    public int MaxHorizon => Horizons[^1];

    public VolTarget VolTarget { get; init; } = VolTarget.SeedPerBarStd;

    public GapPolicy GapPolicy { get; init; } = GapPolicy.Split;

    /// <summary>A step larger than this × the median step is a gap (the seed's max_gap_multiplier, 2.0).</summary>
    public double MaxGapMultiplier { get; init; } = 2.0;
}
