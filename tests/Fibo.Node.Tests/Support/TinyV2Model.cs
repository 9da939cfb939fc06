using Fibo.Actors.Domain.Dataset;
using Fibo.Actors.Domain.Features;
using Fibo.Actors.Domain.Prediction;
using Fibo.Actors.Infrastructure.Models;
using Fibo.Messages.MarketData;

namespace Fibo.Node.Tests.Support;

/// <summary>
/// Trains a tiny LSTM on the v2 features of real candles (well under a second on a CPU) and saves it as a model
/// artifact: the real dataset pipeline (features, purged split, scaler fit on training rows), the real training
/// pipeline, the real artifact format.
/// </summary>
public static class TinyV2Model
{
    public const int SeqLen = 8;

    public static string TrainAndSave(IReadOnlyList<Candle> candles, string directory, int seed = 11)
    {
        var prepared = DatasetPipeline.Prepare(candles.ToArray(), new DatasetRequest(FeatureRegistry.V2, new SequenceOptions(SeqLen, 1)));
        var request = new TrainRequest
        {
            Hidden = 8,
            Layers = 1,
            Dropout = 0,
            Training = new TrainingOptions { Epochs = 8, BatchSize = 32, LearningRate = 1e-2, Seed = seed },
            Series = "XRP_ETH-5m",
            Source = "data/sample (test)",
        };
        using var trained = ModelTrainingPipeline.Train(prepared, request, "tiny-v2", DateTimeOffset.UnixEpoch);
        return ModelArtifact.Save(directory, trained.Network, trained.Scaler, trained.Meta);
    }
}
