using Fibo.Actors.Domain.Features;
using Fibo.Actors.Domain.Prediction;
using Fibo.Actors.Domain.Trading;
using Fibo.Actors.Infrastructure.Models;

namespace Fibo.Actors.Actors.Prediction;

/// <summary>A forecaster the predictor serves, with the inputs it needs. Disposed by the predictor when replaced.</summary>
public sealed class ServedModel(ModelSpec spec, IForecaster forecaster, IDisposable? owned) : IDisposable
{
    public ModelSpec Spec { get; } = spec;
    public IForecaster Forecaster { get; } = forecaster;

    public void Dispose() => owned?.Dispose();
}

/// <summary>Where the predictor's model comes from.</summary>
public interface IForecastSource
{
    /// <summary>"lstm" or "persistence", for status output.</summary>
    string Kind { get; }

    /// <summary>Loads what is to be served now (null when there is nothing, with the reason).</summary>
    (ServedModel? Model, string? Problem) Load();

    /// <summary>Calls <paramref name="onChange"/> (from any thread) when something else should be served; null when it never changes.</summary>
    IDisposable? Watch(Action onChange, TimeSpan pollInterval);
}

/// <summary>The LSTM promoted in the model registry; a new promotion is picked up without a restart.</summary>
public sealed class RegistryForecastSource(ModelRegistry registry) : IForecastSource
{
    public string Kind => "lstm";

    public ModelRegistry Registry { get; } = registry;

    public (ServedModel? Model, string? Problem) Load()
    {
        var version = Registry.PromotedVersion();
        if (version is null) return (null, $"no model is promoted in {Registry.Root} (train one with 'fibo train --promote')");
        var snapshot = Registry.LoadPromoted()!;
        var meta = snapshot.Meta;
        var set = ModelInputs.FeatureSetOf(meta);
        var spec = new ModelSpec(meta.Version, set.Name, meta.FeatureNames, meta.FeatureHash, meta.SeqLen);
        return (new ServedModel(spec, new ModelForecaster(snapshot), snapshot), null);
    }

    public IDisposable? Watch(Action onChange, TimeSpan pollInterval) =>
        new PromotionWatcher(Registry, _ => onChange(), pollInterval);
}

/// <summary>No LSTM: the persistence forecast over v2 windows of the configured length (the pipeline's baseline).</summary>
public sealed class PersistenceForecastSource(int seqLen) : IForecastSource
{
    public const string Version = "persistence";

    public string Kind => "persistence";

    public (ServedModel? Model, string? Problem) Load()
    {
        var set = FeatureRegistry.V2;
        var spec = new ModelSpec($"{Version}-{set.Name}-{seqLen}", set.Name, set.Columns, FeatureSchema.Hash(set.Columns), seqLen);
        return (new ServedModel(spec, new PersistenceForecaster(set.Columns, seqLen), null), null);
    }

    public IDisposable? Watch(Action onChange, TimeSpan pollInterval) => null;
}
