using Fibo.Actors.Domain.Prediction;

namespace Fibo.Node.Http.Contracts;

/// <summary>One version of the model registry with the figures the Training tab and <c>fibo model status</c> show.</summary>
public sealed record ModelVersionView(
    string Version,
    bool Promoted,
    string? Series,
    string? ModelType,
    string? FeatureSet,
    int? SeqLen,
    IReadOnlyList<int>? Horizons,
    int? Hidden,
    int? Layers,
    DateTimeOffset? Created,
    int? EpochsRun,
    double? BestValLoss,
    bool? BeatsBaselines,
    IReadOnlyList<ForecastEvaluation>? Metrics,
    bool HasLossPlot,
    string? Error);

/// <summary><c>GET /api/models</c>: the registry directory, the promoted version and every version, oldest first.</summary>
public sealed record ModelRegistryView(string Directory, string? Promoted, IReadOnlyList<ModelVersionView> Versions);

/// <summary><c>GET /api/models/{version}</c>: the summary plus the whole meta.json (training history, split, data range).</summary>
public sealed record ModelDetailView(ModelVersionView Summary, ModelMeta? Meta);
