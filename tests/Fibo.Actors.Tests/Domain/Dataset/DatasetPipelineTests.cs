using Fibo.Actors.Domain.Dataset;
using Fibo.Actors.Domain.Features;
using Fibo.Actors.Tests.Support;

namespace Fibo.Actors.Tests.Domain.Dataset;

public class DatasetPipelineTests
{
    [Fact]
    public void Seed_parity_run_reproduces_the_seeds_split_and_scaler_rows()
    {
        var request = new DatasetRequest(FeatureRegistry.V2, new SequenceOptions(64, 4)) { Purge = false };
        var ds = DatasetPipeline.Prepare(SeedSeries.AppendixA(), request);
        Assert.Equal(49, ds.DroppedRows);
        Assert.Equal(251, ds.Features.RowCount);
        Assert.Equal(new SeedSplitIndexes(129, 37, 18, 192), ds.Split.Seed);
        Assert.Equal(192, ds.Split.TrainRowsEnd);
        var expected = StandardScaler.Fit(ds.Features, 192);
        Assert.True(expected.Mean.SequenceEqual(ds.Scaler.Mean));
        // Targets do not depend on scaling.
        Assert.Equal((float)0.016417168080806732, ds.Sequences.YRet()[0]);
        Assert.Equal((float)ds.Scaled[63, 0], ds.Sequences.LastRow(0)[0]);
    }

    [Fact]
    public void Default_run_purges_and_fits_on_training_inputs_and_reports_folds()
    {
        var request = new DatasetRequest(FeatureRegistry.V2, new SequenceOptions(32, 4)) { Folds = 3 };
        var ds = DatasetPipeline.Prepare(SeedSeries.RandomWalk(2000, 4), request);
        Assert.Equal(4, ds.Split.PurgeGap);
        Assert.Equal(ds.Sequences.EndRows[ds.Split.Train.End - 1], ds.Split.TrainRowsEnd);
        var expected = StandardScaler.Fit(ds.Features, ds.Split.TrainRowsEnd);
        Assert.True(expected.Scale.SequenceEqual(ds.Scaler.Scale));
        Assert.Equal(3, ds.Folds.Count);
    }
}
