using Fibo.Actors.Domain;
using Fibo.Actors.Domain.Dataset;

namespace Fibo.Actors.Tests.Domain.Dataset;

public class SplitTests
{
    [Theory]
    [InlineData(1000, 32, 10, 671, 192, 96, 702)]
    [InlineData(251, 64, 4, 129, 37, 18, 192)]
    [InlineData(10, 3, 2, 4, 1, 1, 6)]
    public void Reproduces_the_seed_examples(int nTotal, int seqLen, int horizon, int nTrain, int nVal, int nTest, int trainRowsEnd) =>
        Assert.Equal(new SeedSplitIndexes(nTrain, nVal, nTest, trainRowsEnd), TemporalSplit.SeedIndexes(nTotal, seqLen, horizon));

    [Fact]
    public void Seed_errors()
    {
        Assert.Equal("Not enough rows for splits with given seq_len/horizon",
            Assert.Throws<InputException>(() => TemporalSplit.SeedIndexes(10, 5, 4)).Message);
        Assert.Equal("val_frac/test_frac too large for data size",
            Assert.Throws<InputException>(() => TemporalSplit.Sizes(10, 2.0, 2.0)).Message);
        Assert.Equal((1, 2, 2), TemporalSplit.Sizes(5, 0.4, 0.4));
        // 4 windows at 0.45/0.45: round(1.8) = 2 each → train 0 → halved to 1/1 → train 2.
        Assert.Equal((2, 1, 1), TemporalSplit.Sizes(4, 0.45, 0.45));
    }

    [Fact]
    public void Without_purge_the_split_is_the_seeds()
    {
        var endRows = Enumerable.Range(63, 184).ToArray(); // 251 rows, seq 64, h 4
        var split = TemporalSplit.Split(endRows, horizon: 4, purge: false);
        Assert.Equal(new SequenceRange(0, 129), split.Train);
        Assert.Equal(new SequenceRange(129, 166), split.Val);
        Assert.Equal(new SequenceRange(166, 184), split.Test);
        Assert.Equal(192, split.TrainRowsEnd);
        Assert.Equal(new SeedSplitIndexes(129, 37, 18, 192), split.Seed);
    }

    [Fact]
    public void Purge_leaves_a_horizon_of_windows_out_and_fits_the_scaler_on_training_inputs_only()
    {
        var endRows = Enumerable.Range(63, 184).ToArray();
        var split = TemporalSplit.Split(endRows, horizon: 4, purge: true);
        Assert.Equal(new SequenceRange(0, 129), split.Train);
        Assert.Equal(new SequenceRange(133, 166), split.Val);
        Assert.Equal(new SequenceRange(170, 184), split.Test);
        Assert.Equal(4, split.PurgeGap);
        Assert.Equal(191, split.TrainRowsEnd); // t0 of the last training window
        // No training target row reaches a validation target row: last train target = t0 + h < first val target = t0' + 1.
        Assert.True(endRows[split.Train.End - 1] + 4 < endRows[split.Val.Start] + 1);
        Assert.True(endRows[split.Val.End - 1] + 4 < endRows[split.Test.Start] + 1);
    }

    [Fact]
    public void Purge_that_empties_a_set_is_an_input_error()
    {
        var endRows = Enumerable.Range(10, 12).ToArray();
        var e = Assert.Throws<InputException>(() => TemporalSplit.Split(endRows, horizon: 5, purge: true));
        Assert.Contains("--no-purge", e.Message);
    }

    [Theory]
    [InlineData(WalkForwardMode.Expanding)]
    [InlineData(WalkForwardMode.Sliding)]
    public void Walk_forward_folds_move_forward_and_purge(WalkForwardMode mode)
    {
        var endRows = Enumerable.Range(31, 103).ToArray();
        var folds = WalkForward.Folds(endRows, k: 4, mode, purge: 2);
        Assert.Equal(4, folds.Count);
        int block = 103 / 5;
        for (int i = 0; i < 4; i++)
        {
            var f = folds[i];
            Assert.Equal((i + 1) * block, f.Test.Start);
            Assert.Equal(i == 3 ? 103 : (i + 2) * block, f.Test.End);
            Assert.Equal(f.Test.Start - 2, f.Train.End);
            Assert.Equal(mode == WalkForwardMode.Expanding ? 0 : i * block, f.Train.Start);
            Assert.Equal(endRows[f.Train.End - 1], f.TrainRowsEnd);
        }
        Assert.Throws<InputException>(() => WalkForward.Folds(endRows, k: 60, mode, purge: 2));
    }
}
