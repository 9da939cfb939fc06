using System.Globalization;
using Fibo.Actors.Domain.Features;

namespace Fibo.Actors.Domain.Dataset;

/// <summary>
/// The seed's <c>create_sequences_from_df</c> / <c>create_sequences_multihorizon</c> over a feature frame whose rows
/// are complete (after dropna, optionally scaled), with its errors as <see cref="InputException"/>s and the port's gap
/// rule: windows never span a gap unless <see cref="GapPolicy.WarnOnly"/> asks for the seed's behaviour.
/// </summary>
public static class SequenceBuilder
{
    /// <summary>
    /// The t0 (last input row) of every window that fits: rows t0−seq+1 … t0+maxH inside one contiguous segment
    /// (the whole frame under WarnOnly). Also returns the gap report and the windows dropped because of gaps.
    /// </summary>
    public static (int[] EndRows, GapReport Gaps, int Dropped) PlanWindows(ReadOnlySpan<long> timestamps, SequenceOptions options)
    {
        int m = timestamps.Length;
        int span = options.SeqLen + options.MaxHorizon;
        int seedCount = m - span + 1;
        if (seedCount <= 0)
            throw new InputException($"Not enough rows: need >= seq_len + horizon ({span}), got {m}; use more candles or a shorter --seq-len/--horizon");
        var gaps = GapReport.Find(timestamps, options.MaxGapMultiplier);
        var segments = options.GapPolicy == GapPolicy.Split ? gaps.Segments : [new RowSegment(0, m)];
        var ends = new List<int>(seedCount);
        foreach (var seg in segments)
            for (int start = seg.Start; start + span <= seg.End; start++)
                ends.Add(start + options.SeqLen - 1);
        if (ends.Count == 0)
            throw new InputException($"Not enough contiguous rows: {gaps.GapCount} gap(s) (> {options.MaxGapMultiplier.ToString(CultureInfo.InvariantCulture)}× the median step) split the {m} rows into segments shorter than seq_len + horizon ({span}); fill the gaps or use a shorter window");
        return (ends.ToArray(), gaps, seedCount - ends.Count);
    }

    /// <summary>Builds windows and targets from the frame's columns <paramref name="featureColumns"/> (in that order).</summary>
    public static SequenceDataset Build(FeatureFrame frame, IReadOnlyList<string> featureColumns, SequenceOptions options)
    {
        var selected = frame.SelectColumns(featureColumns);
        CheckRows(selected);
        var (endRows, gaps, dropped) = PlanWindows(selected.Timestamps, options);
        return Materialize(selected, endRows, options, gaps, dropped);
    }

    /// <summary>Builds the given windows (from <see cref="PlanWindows"/>) from a frame with the final (e.g. scaled) values.</summary>
    public static SequenceDataset Build(FeatureFrame frame, IReadOnlyList<string> featureColumns, SequenceOptions options,
        int[] endRows, GapReport gaps, int dropped)
    {
        var selected = frame.SelectColumns(featureColumns);
        CheckRows(selected);
        return Materialize(selected, endRows, options, gaps, dropped);
    }

    private static void CheckRows(FeatureFrame frame)
    {
        var close = frame.Close;
        var ts = frame.Timestamps;
        for (int r = 0; r < frame.RowCount; r++)
        {
            if (!(close[r] > 0))
                throw new InputException($"Non-positive close values present; cannot compute log-returns. Clean data first. (row {r}, time {ts[r]}, close {close[r].ToString("R", CultureInfo.InvariantCulture)})");
            if (r > 0 && ts[r] <= ts[r - 1])
                throw new InputException($"rows are not in ascending time order at row {r} ({ts[r - 1]} then {ts[r]}); sort and de-duplicate the candles first");
            var row = frame.Row(r);
            for (int c = 0; c < row.Length; c++)
                if (!double.IsFinite(row[c]))
                    throw new InputException($"feature '{frame.Columns[c]}' is {row[c]} at row {r} (time {ts[r]}); drop incomplete rows (the warm-up) before building sequences");
        }
    }

    private static SequenceDataset Materialize(FeatureFrame frame, int[] endRows, SequenceOptions options, GapReport gaps, int dropped)
    {
        int n = endRows.Length, seq = options.SeqLen, f = frame.ColumnCount;
        var x = new float[(long)n * seq * f];
        var values = frame.Values;
        for (int i = 0; i < n; i++)
        {
            int first = endRows[i] - seq + 1;
            var src = values.Slice(first * f, seq * f);
            var dst = x.AsSpan(i * seq * f, seq * f);
            for (int k = 0; k < src.Length; k++) dst[k] = (float)src[k];
        }

        var logClose = new double[frame.RowCount];
        var close = frame.Close;
        for (int r = 0; r < logClose.Length; r++) logClose[r] = Math.Log(close[r]);

        var horizons = options.Horizons;
        var yRet = new float[horizons.Count][];
        var yVol = new float[horizons.Count][];
        Span<double> returns = stackalloc double[options.MaxHorizon];
        for (int hi = 0; hi < horizons.Count; hi++)
        {
            int h = horizons[hi];
            yRet[hi] = new float[n];
            yVol[hi] = new float[n];
            for (int i = 0; i < n; i++)
            {
                int t0 = endRows[i];
                yRet[hi][i] = (float)(logClose[t0 + h] - logClose[t0]);
                for (int k = 1; k <= h; k++) returns[k - 1] = logClose[t0 + k] - logClose[t0 + k - 1];
                yVol[hi][i] = (float)Volatility(returns[..h], options.VolTarget);
            }
        }
        var endTimes = new long[n];
        for (int i = 0; i < n; i++) endTimes[i] = frame.Timestamps[endRows[i]];
        return new SequenceDataset(options, frame.Columns, x, yRet, yVol, endRows, endTimes, frame.RowCount, gaps, dropped);
    }

    /// <summary>np.std (ddof 0, two-pass) for the seed's target, or the root mean square for the realised variant.</summary>
    internal static double Volatility(ReadOnlySpan<double> r, VolTarget target)
    {
        double sum = 0, ss = 0;
        if (target == VolTarget.RealizedPerBarRms)
        {
            foreach (var v in r) ss += v * v;
            return Math.Sqrt(ss / r.Length);
        }
        foreach (var v in r) sum += v;
        double mean = sum / r.Length;
        foreach (var v in r) { double d = v - mean; ss += d * d; }
        return Math.Sqrt(ss / r.Length);
    }
}
