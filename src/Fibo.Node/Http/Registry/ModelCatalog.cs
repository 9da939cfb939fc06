using Fibo.Actors.Hosting.Options;
using Fibo.Actors.Infrastructure.Models;
using Fibo.Node.Http.Contracts;

namespace Fibo.Node.Http.Registry;

/// <summary>The node's model registry (<c>Fibo:Models:Directory</c>) as the API shows it.</summary>
public sealed class ModelCatalog(FiboOptions options)
{
    public ModelRegistry Registry { get; } = new(options.Models.Directory);

    public ModelRegistryView List()
    {
        var versions = Registry.List();
        return new ModelRegistryView(Registry.Root, Registry.PromotedVersion(), versions.Select(Summary).ToList());
    }

    public ModelDetailView Show(string version)
    {
        var info = Find(version);
        return new ModelDetailView(Summary(info), info.Meta);
    }

    /// <summary>The loss plot of a version (written by training), or 404.</summary>
    public string LossPlotPath(string version)
    {
        var info = Find(version);
        var file = Path.Combine(info.Directory, info.Meta?.LossPlot ?? ModelArtifact.LossPlotFileName);
        return File.Exists(file) ? file : throw ApiException.NotFound($"model {version} has no loss plot");
    }

    /// <summary>A version of this registry by name (never an arbitrary directory: the API serves only the registry).</summary>
    public ModelVersionInfo Find(string version)
    {
        try
        {
            return Registry.Show(version);
        }
        catch (Fibo.Actors.Domain.InputException e)
        {
            throw ApiException.NotFound(e.Message);
        }
    }

    internal static ModelVersionView Summary(ModelVersionInfo v)
    {
        var m = v.Meta;
        return new ModelVersionView(
            v.Version,
            v.Promoted,
            v.Series,
            m?.ModelType,
            m?.FeatureSet,
            m?.SeqLen,
            m?.Horizons,
            m?.Hidden,
            m?.NumLayers,
            m?.Created,
            m?.Training?.EpochsRun,
            m?.Training?.BestValLoss,
            m?.Metrics is { Count: > 0 } metrics ? metrics.All(e => e.BeatsBaselines) : null,
            m?.Metrics,
            File.Exists(Path.Combine(v.Directory, m?.LossPlot ?? ModelArtifact.LossPlotFileName)),
            v.Error);
    }
}
