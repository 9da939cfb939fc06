namespace Fibo.Actors.Domain.Dataset;

/// <summary>A half-open range [Start, End) of window (sequence) indexes.</summary>
public readonly record struct SequenceRange(int Start, int End)
{
    public int Count => Math.Max(0, End - Start);
    public override string ToString() => $"[{Start}, {End})";
}

/// <summary>The seed's <c>temporal_split_indexes</c> result: sizes and the inclusive last row the scaler is fit on.</summary>
public readonly record struct SeedSplitIndexes(int NTrain, int NVal, int NTest, int TrainRowsEnd);

/// <summary>
/// Train / validation / test ranges over the windows, in time order, and the rows the scaler may be fit on.
/// With a purge, <see cref="PurgeGap"/> windows are left out at the start of validation and of test, so no training
/// target (t0+1 … t0+h) overlaps a validation or test target.
/// </summary>
public sealed record DatasetSplit(SequenceRange Train, SequenceRange Val, SequenceRange Test, int PurgeGap, int TrainRowsEnd)
{
    /// <summary>The seed's sizes before any purge.</summary>
    public required SeedSplitIndexes Seed { get; init; }
}

public static class TemporalSplit
{
    /// <summary>
    /// The seed's <c>temporal_split_indexes(n_total, seq_len, horizon, val_frac, test_frac)</c> exactly (SEED-SPEC §5.2),
    /// including Python's round-half-to-even and the halving fallback.
    /// </summary>
    public static SeedSplitIndexes SeedIndexes(int nTotal, int seqLen, int horizon, double valFrac = 0.2, double testFrac = 0.1)
    {
        int nSeq = nTotal - seqLen - horizon + 1;
        var (nTrain, nVal, nTest) = Sizes(nSeq, valFrac, testFrac);
        return new SeedSplitIndexes(nTrain, nVal, nTest, seqLen + nTrain - 1);
    }

    /// <summary>The seed's sizes for a number of windows.</summary>
    public static (int NTrain, int NVal, int NTest) Sizes(int nSeq, double valFrac, double testFrac)
    {
        if (valFrac < 0 || testFrac < 0)
            throw new InputException($"val fraction {valFrac} and test fraction {testFrac} must not be negative");
        if (nSeq <= 2) throw new InputException("Not enough rows for splits with given seq_len/horizon");
        int nTest = Math.Max(1, (int)Math.Round(testFrac * nSeq, MidpointRounding.ToEven));
        int nVal = Math.Max(1, (int)Math.Round(valFrac * nSeq, MidpointRounding.ToEven));
        int nTrain = nSeq - nVal - nTest;
        if (nTrain <= 0)
        {
            nTest = Math.Max(1, nTest / 2);
            nVal = Math.Max(1, nVal / 2);
            nTrain = nSeq - nVal - nTest;
            if (nTrain <= 0) throw new InputException("val_frac/test_frac too large for data size");
        }
        return (nTrain, nVal, nTest);
    }

    /// <summary>
    /// Splits the windows of <paramref name="dataset"/>. Without purge this is the seed's split, and the scaler rows end
    /// one row past the last training input (the seed's <c>seq_len + n_train − 1</c>). With purge (the default) a gap
    /// of the largest horizon is left before validation and before test, and the scaler is fit on training input rows
    /// only (up to t0 of the last training window).
    /// </summary>
    public static DatasetSplit Split(SequenceDataset dataset, double valFrac = 0.2, double testFrac = 0.1, bool purge = true) =>
        Split(dataset.EndRows, dataset.Options.MaxHorizon, valFrac, testFrac, purge);

    public static DatasetSplit Split(ReadOnlySpan<int> endRows, int horizon, double valFrac = 0.2, double testFrac = 0.1, bool purge = true)
    {
        int nSeq = endRows.Length;
        var (nTrain, nVal, nTest) = Sizes(nSeq, valFrac, testFrac);
        int gap = purge ? horizon : 0;
        var train = new SequenceRange(0, nTrain);
        var val = new SequenceRange(nTrain + gap, nTrain + nVal);
        var test = new SequenceRange(nTrain + nVal + gap, nSeq);
        if (val.Count <= 0 || test.Count <= 0)
            throw new InputException($"the purge of {gap} windows (the horizon) leaves no {(val.Count <= 0 ? "validation" : "test")} windows ({nSeq} windows: train {nTrain}, val {nVal}, test {nTest}); use more data, larger --val/--test, or --no-purge");
        int lastTrainRow = endRows[nTrain - 1];
        int rowsEnd = purge ? lastTrainRow : lastTrainRow + 1;
        return new DatasetSplit(train, val, test, gap, rowsEnd) { Seed = new SeedSplitIndexes(nTrain, nVal, nTest, lastTrainRow + 1) };
    }
}
