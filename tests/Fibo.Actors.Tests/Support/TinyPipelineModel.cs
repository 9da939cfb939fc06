using Fibo.Actors.Domain.Dataset;
using Fibo.Actors.Domain.Features;
using Fibo.Actors.Domain.Prediction;
using Fibo.Actors.Infrastructure.Models;
using Fibo.Messages.MarketData;

namespace Fibo.Actors.Tests.Support;

/// <summary>
/// A tiny real LSTM for pipeline tests: v2 features of real candles, seq_len 8, one layer of 8 — trained in well under a
/// second through the real dataset and training pipelines and saved (and promoted) as a real artifact.
/// </summary>
public static class TinyPipelineModel
{
    public const int SeqLen = 8;

    public static string TrainAndPromote(string registryDir, IReadOnlyList<Candle> candles, string label = "tiny-v2", int seed = 11, int seqLen = SeqLen)
    {
        var registry = new ModelRegistry(registryDir);
        var prepared = DatasetPipeline.Prepare(candles.ToArray(), new DatasetRequest(FeatureRegistry.V2, new SequenceOptions(seqLen, 1)));
        var request = new TrainRequest
        {
            Hidden = 8,
            Layers = 1,
            Dropout = 0,
            Training = new TrainingOptions { Epochs = 4, BatchSize = 32, LearningRate = 1e-2, Seed = seed },
            Series = label,
            Source = "data/sample (test)",
        };
        var version = registry.NewVersionName(label, DateTimeOffset.UtcNow);
        using var trained = ModelTrainingPipeline.Train(prepared, request, version, DateTimeOffset.UtcNow);
        ModelArtifact.Save(registry.PathOf(version), trained.Network, trained.Scaler, trained.Meta);
        registry.Promote(version);
        return version;
    }
}
