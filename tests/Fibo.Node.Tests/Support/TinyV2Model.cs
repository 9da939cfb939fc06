using Fibo.Actors.Domain.Dataset;
using Fibo.Actors.Domain.Features;
using Fibo.Actors.Domain.Prediction;
using Fibo.Actors.Infrastructure.Models;
using Fibo.Messages.MarketData;

namespace Fibo.Node.Tests.Support;

/// <summary>
/// Trains a tiny LSTM on the v2 features of real candles (seconds on a CPU) and saves it as a model artifact: the
/// real dataset pipeline (features, purged split, scaler fit on training rows), the real trainer, the real format.
/// </summary>
public static class TinyV2Model
{
    public const int SeqLen = 8;

    public static string TrainAndSave(IReadOnlyList<Candle> candles, string directory, int seed = 11)
    {
        var set = FeatureRegistry.V2;
        var prepared = DatasetPipeline.Prepare(candles.ToArray(), new DatasetRequest(set, new SequenceOptions(SeqLen, 1)));
        var data = prepared.Sequences;
        var f = data.FeatureCount;

        SequenceSet Slice(SequenceRange range) => new(
            data.X.Slice(range.Start * SeqLen * f, range.Count * SeqLen * f).ToArray(), range.Count, SeqLen, f, [1],
            [data.YRet().Slice(range.Start, range.Count).ToArray()], [data.YVol().Slice(range.Start, range.Count).ToArray()]);

        var architecture = ModelArchitecture.TwoHead(f, hiddenSize: 8, numLayers: 1, horizon: 1, dropout: 0);
        using var trained = LstmTrainer.Train(architecture, Slice(prepared.Split.Train), Slice(prepared.Split.Val),
            new TrainingOptions { Epochs = 8, BatchSize = 32, LearningRate = 1e-2, Seed = seed });
        var scaler = new FeatureScaler(prepared.Scaler.FeatureNames, prepared.Scaler.Mean.ToArray(), prepared.Scaler.Scale.ToArray());
        var meta = ModelMeta.Describe("tiny-v2", architecture, set.Columns, set.Name, SeqLen, DateTimeOffset.UnixEpoch);
        return ModelArtifact.Save(directory, trained.Network, scaler, meta);
    }
}
