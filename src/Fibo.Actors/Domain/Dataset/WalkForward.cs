namespace Fibo.Actors.Domain.Dataset;

/// <summary>How the training range of walk-forward folds moves.</summary>
public enum WalkForwardMode
{
    /// <summary>Training always starts at the first window and grows fold by fold.</summary>
    Expanding,
    /// <summary>Training is one block long and slides with the test block.</summary>
    Sliding,
}

/// <summary>One walk-forward fold: train on the past, test on the next block; the scaler rows end at TrainRowsEnd.</summary>
public sealed record WalkForwardFold(int Index, SequenceRange Train, SequenceRange Test, int TrainRowsEnd);

public static class WalkForward
{
    /// <summary>
    /// k folds over the windows: they are cut into k + 1 equal blocks (the last takes the remainder); fold i tests on
    /// block i + 1 and trains on blocks 0 … i (expanding) or block i (sliding), minus the last <paramref name="purge"/>
    /// windows so no training target overlaps a test target. The test blocks tile the data after the first block.
    /// </summary>
    public static IReadOnlyList<WalkForwardFold> Folds(ReadOnlySpan<int> endRows, int k, WalkForwardMode mode, int purge)
    {
        int nSeq = endRows.Length;
        if (k < 1) throw new InputException($"--folds must be at least 1, got {k}");
        if (purge < 0) throw new ArgumentOutOfRangeException(nameof(purge));
        int block = nSeq / (k + 1);
        if (block <= purge)
            throw new InputException($"{nSeq} windows cut into {k + 1} blocks of {block} leave no training windows after a purge of {purge}; use fewer folds or more data");
        var folds = new List<WalkForwardFold>(k);
        for (int i = 0; i < k; i++)
        {
            int testStart = (i + 1) * block;
            int testEnd = i == k - 1 ? nSeq : (i + 2) * block;
            int trainStart = mode == WalkForwardMode.Expanding ? 0 : i * block;
            var train = new SequenceRange(trainStart, testStart - purge);
            folds.Add(new WalkForwardFold(i, train, new SequenceRange(testStart, testEnd), endRows[train.End - 1]));
        }
        return folds;
    }
}
