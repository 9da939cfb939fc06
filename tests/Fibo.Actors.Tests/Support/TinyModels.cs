using Fibo.Actors.Domain.Dataset;
using Fibo.Actors.Domain.Prediction;
using Fibo.Actors.Infrastructure.Models;

namespace Fibo.Actors.Tests.Support;

/// <summary>Tiny trained models and artifacts for artifact, registry and inference tests.</summary>
public static class TinyModels
{
    public static readonly string[] FeatureNames = ["f_a", "f_b", "f_c"];
    public const int SeqLen = 6;

    /// <summary>A scaler whose statistics differ per column (so a wrong order or a missed scaling changes outputs).</summary>
    public static StandardScaler Scaler() => new(FeatureNames, [0.5, -2.0, 10.0], [2.0, 0.5, 4.0]);

    public static TrainingResult Train(int seed = 7, int epochs = 3)
    {
        var arch = ModelArchitecture.TwoHead(FeatureNames.Length, 8, 2, horizon: 4);
        return LstmTrainer.Train(arch, TinySequences.Make(80, SeqLen, 3, seed), TinySequences.Make(20, SeqLen, 3, seed + 1),
            new TrainingOptions { Epochs = epochs, BatchSize = 16, Seed = seed });
    }

    public static ModelMeta Meta(string version, IForecastNetwork network) =>
        ModelMeta.Describe(version, network.Architecture, FeatureNames, featureSet: null, SeqLen, DateTimeOffset.UtcNow) with
        {
            Data = new DataInfo("TEST_BTC-5m", "unit test", 0, 1, 100),
        };

    /// <summary>Trains and saves an artifact into the registry; returns its directory.</summary>
    public static string SaveArtifact(ModelRegistry registry, string label = "TEST_BTC-5m", int seed = 7, DateTimeOffset? created = null)
    {
        using var trained = Train(seed);
        var version = registry.NewVersionName(label, created ?? DateTimeOffset.UtcNow);
        var meta = Meta(version, trained.Network) with { Created = created ?? DateTimeOffset.UtcNow, Data = new DataInfo(label, "unit test", 0, 1, 100) };
        return ModelArtifact.Save(registry.PathOf(version), trained.Network, Scaler(), meta);
    }

    /// <summary>Seeded raw windows around the scaler's statistics.</summary>
    public static RawFeatureWindows RawWindows(int count, int seed = 3, int seqLen = SeqLen)
    {
        var rng = new Random(seed);
        var scaler = Scaler();
        var values = new double[count * seqLen * FeatureNames.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var j = i % FeatureNames.Length;
            values[i] = scaler.Mean[j] + scaler.Scale[j] * (rng.NextDouble() * 4 - 2);
        }
        return new RawFeatureWindows(values, count, seqLen, FeatureNames.Length);
    }
}
