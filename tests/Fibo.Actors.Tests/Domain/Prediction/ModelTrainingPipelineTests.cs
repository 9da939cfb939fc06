using Fibo.Actors.Domain;
using Fibo.Actors.Domain.Dataset;
using Fibo.Actors.Domain.Features;
using Fibo.Actors.Domain.MarketData;
using Fibo.Actors.Domain.Prediction;
using Fibo.Actors.Infrastructure.Models;
using Fibo.Actors.Tests.Support;
using Fibo.Messages.Primitives;

namespace Fibo.Actors.Tests.Domain.Prediction;

/// <summary>Candles → v2 features → purged dataset → tiny model → artifact → reload → the same predictions.</summary>
public class ModelTrainingPipelineTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static PreparedDataset Dataset(IReadOnlyList<int> horizons)
    {
        var candles = SyntheticMarket.Generate(Timeframe.Parse("5m"), 500, seed: 21, startOpenTime: 1_700_000_100_000 - 1_700_000_100_000 % 300_000).ToArray();
        return DatasetPipeline.Prepare(candles, new DatasetRequest(FeatureRegistry.V2, new SequenceOptions(16, horizons)));
    }

    [Fact]
    public void Trains_evaluates_and_describes_a_model_that_reloads_to_identical_predictions()
    {
        var dataset = Dataset([4]);
        var request = new TrainRequest
        {
            Hidden = 8, Layers = 1, Series = "SYN_BTC-5m", Source = "synthetic",
            Training = new TrainingOptions { Epochs = 3, BatchSize = 32, Seed = 5 },
        };
        using var trained = ModelTrainingPipeline.Train(dataset, request, "SYN_BTC-5m.test", DateTimeOffset.UnixEpoch);

        var meta = trained.Meta;
        Assert.Equal("v2", meta.FeatureSet);
        Assert.Equal(FeatureRegistry.V2.Columns, meta.FeatureNames);
        Assert.Equal(FeatureRegistry.V2.SchemaHash, meta.FeatureHash);
        Assert.Equal(16, meta.SeqLen);
        Assert.Equal(4, meta.Horizon);
        Assert.Equal(dataset.Split.Train.Count, meta.Split!.Train);
        Assert.Equal(dataset.Split.Test.Count, meta.Split.Test);
        Assert.Equal(4, meta.Split.PurgeGap);
        Assert.Equal("train_only", meta.Split.ScalerFittedOn);
        Assert.Equal(3, meta.Training!.History.Count);
        Assert.Equal("SYN_BTC-5m", meta.Data!.Series);
        Assert.Equal(dataset.Features.Timestamps[0], meta.Data.FirstOpenTime);
        var eval = Assert.Single(trained.Evaluations);
        Assert.Equal(dataset.Split.Test.Count, eval.Count);
        Assert.All([eval.Model.Rmse, eval.ZeroReturn.Rmse, eval.LastReturn.Rmse, eval.ModelVolatility.Rmse], v => Assert.True(double.IsFinite(v) && v > 0));

        var registry = new ModelRegistry(_temp.Combine("models"));
        var dir = ModelArtifact.Save(registry.PathOf(meta.Version), trained.Network, trained.Scaler, meta,
            p => LossCurvePlot.Write(p, trained.Training.History, meta.Version));
        using var loaded = ModelArtifact.Load(dir);

        // Raw (unscaled) windows of the test split predict exactly what the trainer's scaled sequences predicted.
        var ends = dataset.Sequences.EndRows.Slice(dataset.Split.Test.Start, 5).ToArray();
        var raw = InferenceWindows.Cut(dataset.Features, 16, ends);
        var viaArtifact = loaded.Predict(raw);
        var (ret, vol) = LstmTrainer.PredictScaled(trained.Network, ModelTrainingPipeline.Slice(dataset.Sequences, new SequenceRange(dataset.Split.Test.Start, dataset.Split.Test.Start + 5)));
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(ret[0][i], viaArtifact[i].Ret, 6);
            Assert.Equal(vol[0][i], viaArtifact[i].Vol, 6);
        }
        Assert.Equal(meta.Metrics!.Count, loaded.Meta.Metrics!.Count);
        Assert.Equal(eval.Model.Rmse, loaded.Meta.Metrics[0].Model.Rmse);
    }

    [Fact]
    public void A_multi_head_model_is_evaluated_per_horizon()
    {
        var dataset = Dataset([1, 4]);
        var request = new TrainRequest
        {
            Kind = ModelKind.LstmMultiHead, Hidden = 8, Layers = 1, Series = "SYN_BTC-5m", Source = "synthetic",
            Training = new TrainingOptions { Epochs = 2, BatchSize = 32 },
        };
        using var trained = ModelTrainingPipeline.Train(dataset, request, "multi", DateTimeOffset.UnixEpoch);
        Assert.Equal([1, 4], trained.Evaluations.Select(e => e.Horizon));
        Assert.Equal("LSTMMultiHead", trained.Meta.ModelType);
        Assert.Equal(4, trained.Meta.Horizon); // the middle of [1, 4] as the seed picks it

        var e = Assert.Throws<InputException>(() => ModelTrainingPipeline.Train(dataset, request with { Kind = ModelKind.Lstm2Head }, "x", DateTimeOffset.UnixEpoch));
        Assert.Contains("--model multihead", e.Message);
    }
}
