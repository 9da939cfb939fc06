using Fibo.Actors.Domain.Dataset;
using Fibo.Actors.Domain.Features;

namespace Fibo.Actors.Domain.Prediction;

/// <summary>Cuts raw inference windows out of a feature frame (complete rows, unscaled).</summary>
public static class InferenceWindows
{
    /// <summary>
    /// Last rows of every complete window of <paramref name="seqLen"/> rows that stays inside one contiguous segment
    /// (the dataset's gap rule: a step above <paramref name="maxGapMultiplier"/> × the median step splits the series).
    /// </summary>
    public static IReadOnlyList<int> CompleteWindowEnds(FeatureFrame frame, int seqLen, double maxGapMultiplier = 2.0)
    {
        var ends = new List<int>();
        foreach (var segment in GapReport.Find(frame.Timestamps, maxGapMultiplier).Segments)
            for (var end = segment.Start + seqLen - 1; end < segment.End; end++)
                ends.Add(end);
        return ends;
    }

    /// <summary>The windows ending at the given rows, with the frame's columns in the frame's order.</summary>
    public static RawFeatureWindows Cut(FeatureFrame frame, int seqLen, IReadOnlyList<int> endRows)
    {
        var f = frame.ColumnCount;
        var step = seqLen * f;
        var values = new double[endRows.Count * step];
        var source = frame.Values;
        for (var i = 0; i < endRows.Count; i++)
        {
            var start = endRows[i] - seqLen + 1;
            if (start < 0 || endRows[i] >= frame.RowCount)
                throw new ArgumentOutOfRangeException(nameof(endRows), $"a window ending at row {endRows[i]} needs rows {start}..{endRows[i]} of 0..{frame.RowCount - 1}");
            source.Slice(start * f, step).CopyTo(values.AsSpan(i * step));
        }
        return new RawFeatureWindows(values, endRows.Count, seqLen, f);
    }

    /// <summary>The model's columns chosen by name, in the model's order (missing columns fail, naming them).</summary>
    public static FeatureFrame ForModel(FeatureFrame frame, ModelSnapshot model) => frame.SelectColumns(model.FeatureNames);
}
