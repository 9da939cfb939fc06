using Fibo.Actors.Domain;
using Fibo.Actors.Domain.Dataset;
using Fibo.Actors.Domain.Features;
using Fibo.Actors.Tests.Support;

namespace Fibo.Actors.Tests.Domain.Dataset;

public class SequenceBuilderTests
{
    private static FeatureFrame V2Rows() => FeatureRegistry.V2.CreateBatch().Compute(SeedSeries.AppendixA()).DropIncomplete();

    [Fact]
    public void Reproduces_the_seed_sequences_of_appendix_a()
    {
        var ds = SequenceBuilder.Build(V2Rows(), FeatureRegistry.V2.Columns, new SequenceOptions(seqLen: 64, horizon: 4));
        Assert.Equal((184, 64, 14), (ds.Count, ds.SeqLen, ds.FeatureCount));
        Assert.Equal(184 * 64 * 14, ds.X.Length);
        Assert.Equal((float)0.016417168080806732, ds.YRet()[0]);
        Assert.Equal((float)0.003977262880653143, ds.YVol()[0]);
        Assert.Equal((float)-0.033858656883239746, ds.YRet()[^1]);
        Assert.Equal((float)0.003145436057820916, ds.YVol()[^1]);
        Assert.Equal(0, ds.DroppedWindows);
    }

    [Fact]
    public void Windows_are_the_frame_rows_as_float32()
    {
        var frame = V2Rows();
        var ds = SequenceBuilder.Build(frame, FeatureRegistry.V2.Columns, new SequenceOptions(64, 4));
        for (int i = 0; i < ds.Count; i += 37)
        {
            Assert.Equal(i + 63, ds.EndRows[i]);
            Assert.Equal(frame.Timestamps[i + 63], ds.EndTimes[i]);
            var w = ds.Window(i);
            for (int k = 0; k < 64; k++)
                for (int j = 0; j < 14; j++)
                    Assert.Equal((float)frame[i + k, j], w[k * 14 + j]);
            Assert.Equal((float)frame[i + 63, 5], ds.LastRow(i)[5]);
        }
    }

    [Fact]
    public void Horizon_one_gives_the_seeds_degenerate_zero_vol_and_the_realised_option_does_not()
    {
        var frame = V2Rows();
        var seed = SequenceBuilder.Build(frame, FeatureRegistry.V2.Columns, new SequenceOptions(64, 1));
        Assert.All(seed.YVol().ToArray(), v => Assert.Equal(0f, v));
        var realised = SequenceBuilder.Build(frame, FeatureRegistry.V2.Columns, new SequenceOptions(64, 1) { VolTarget = VolTarget.RealizedPerBarRms });
        for (int i = 0; i < realised.Count; i++) Assert.Equal(Math.Abs(realised.YRet()[i]), realised.YVol()[i], 6);
        Assert.All(realised.YVol().ToArray(), v => Assert.True(v > 0));
    }

    [Fact]
    public void Multi_horizon_targets_share_windows_cut_for_the_largest_horizon()
    {
        var frame = V2Rows();
        var multi = SequenceBuilder.Build(frame, FeatureRegistry.V2.Columns, new SequenceOptions(32, [6, 1, 3]));
        Assert.Equal([1, 3, 6], multi.Horizons);
        Assert.Equal(251 - 32 - 6 + 1, multi.Count);
        var single = SequenceBuilder.Build(frame, FeatureRegistry.V2.Columns, new SequenceOptions(32, 3));
        for (int i = 0; i < multi.Count; i++)
        {
            Assert.Equal(single.YRet()[i], multi.YRet(3)[i]);
            Assert.Equal(single.YVol()[i], multi.YVol(3)[i]);
        }
        var close = frame.Close;
        Assert.Equal((float)(Math.Log(close[31 + 6]) - Math.Log(close[31])), multi.YRet(6)[0]);
        Assert.Throws<ArgumentException>(() => multi.YRet(4));
    }

    [Fact]
    public void Seed_errors_are_clear_input_errors()
    {
        var frame = V2Rows();
        var few = Assert.Throws<InputException>(() => SequenceBuilder.Build(frame.SelectRows(Enumerable.Range(0, 67).ToList()), FeatureRegistry.V2.Columns, new SequenceOptions(64, 4)));
        Assert.StartsWith("Not enough rows: need >= seq_len + horizon (68), got 67", few.Message);

        var missing = Assert.Throws<InputException>(() => SequenceBuilder.Build(frame, ["rsi_14", "no_such"], new SequenceOptions(8, 1)));
        Assert.Contains("missing feature columns: no_such", missing.Message);

        var close = frame.Close.ToArray();
        close[100] = 0;
        var bad = new FeatureFrame(frame.Columns, frame.Timestamps.ToArray(), close, frame.Values.ToArray());
        var nonPositive = Assert.Throws<InputException>(() => SequenceBuilder.Build(bad, FeatureRegistry.V2.Columns, new SequenceOptions(8, 1)));
        Assert.StartsWith("Non-positive close values present; cannot compute log-returns. Clean data first.", nonPositive.Message);
        Assert.Contains("row 100", nonPositive.Message);

        var withNan = FeatureRegistry.V2.CreateBatch().Compute(SeedSeries.AppendixA());
        var nan = Assert.Throws<InputException>(() => SequenceBuilder.Build(withNan, FeatureRegistry.V2.Columns, new SequenceOptions(8, 1)));
        Assert.Contains("drop incomplete rows", nan.Message);
    }

    [Fact]
    public void Windows_never_span_a_gap_and_the_dropped_ones_are_counted()
    {
        var frame = V2Rows();
        // Remove 5 rows in the middle: a 6-bar step, > 2 × the median step.
        var keep = Enumerable.Range(0, frame.RowCount).Where(r => r < 120 || r >= 125).ToList();
        var gapped = frame.SelectRows(keep);
        var options = new SequenceOptions(32, 4);
        var ds = SequenceBuilder.Build(gapped, FeatureRegistry.V2.Columns, options);
        Assert.Equal(1, ds.Gaps.GapCount);
        Assert.Equal([new RowSegment(0, 120), new RowSegment(120, 246)], ds.Gaps.Segments);
        int expected = (120 - 36 + 1) + (126 - 36 + 1);
        Assert.Equal(expected, ds.Count);
        Assert.Equal(246 - 36 + 1 - expected, ds.DroppedWindows);
        for (int i = 0; i < ds.Count; i++)
        {
            int first = ds.EndRows[i] - 31, last = ds.EndRows[i] + 4;
            Assert.False(first < 120 && last >= 120, $"window {i} spans the gap");
        }
        var seedLike = SequenceBuilder.Build(gapped, FeatureRegistry.V2.Columns, options with { GapPolicy = GapPolicy.WarnOnly });
        Assert.Equal(246 - 36 + 1, seedLike.Count);
        Assert.Equal(1, seedLike.Gaps.GapCount);
        Assert.Equal(0, seedLike.DroppedWindows);
    }

    [Fact]
    public void One_missing_candle_is_not_a_gap_under_the_seed_rule()
    {
        var frame = V2Rows();
        var keep = Enumerable.Range(0, frame.RowCount).Where(r => r != 150).ToList();
        Assert.Equal(0, GapReport.Find(frame.SelectRows(keep).Timestamps).GapCount);
        Assert.Equal(1, GapReport.Find(frame.SelectRows(keep).Timestamps, multiplier: 1.5).GapCount);
    }
}
