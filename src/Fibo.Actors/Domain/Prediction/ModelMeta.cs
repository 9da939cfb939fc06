namespace Fibo.Actors.Domain.Prediction;

/// <summary>
/// <c>meta.json</c> of a Fibo model artifact (format version 1): everything needed to rebuild the network, feed it
/// exactly the columns it was trained on, and say where it came from and how good it was. Written snake_case.
/// The seed's meta keys (feature_cols, seq_len, horizon, hidden, num_layers, input_size, model_type) keep their
/// names or have a direct equivalent here.
/// </summary>
public sealed record ModelMeta
{
    public const int CurrentFormatVersion = 1;

    /// <summary>Why the fan's band labels are not probabilities (SEED-SPEC §12 A.5).</summary>
    public const string UncalibratedBandsNote =
        "Fan bands: '68%' is r ± σ and '55%' is r ± 0.76σ with σ = σ̂·√(h/native), the seed's labels; they are not " +
        "calibrated and nothing measures their coverage.";

    public int FormatVersion { get; init; } = CurrentFormatVersion;

    /// <summary>The artifact's directory name in the registry, e.g. <c>ETH_BTC-5m.20250101T120000Z</c>.</summary>
    public required string Version { get; init; }

    public required string ModelType { get; init; }
    public required DateTimeOffset Created { get; init; }

    /// <summary>Feature set name in the feature registry ("v1", "v2"), or null when unknown (an imported artifact with another list).</summary>
    public string? FeatureSet { get; init; }

    /// <summary>The ordered input columns; the scaler must list the same names in the same order.</summary>
    public required IReadOnlyList<string> FeatureNames { get; init; }

    /// <summary><see cref="FeatureSchema.Hash"/> of <see cref="FeatureNames"/>; checked at load.</summary>
    public required string FeatureHash { get; init; }

    /// <summary>Window length the model was trained with; inference always uses this one (the seed's seq_len bug).</summary>
    public required int SeqLen { get; init; }

    /// <summary>Native horizon in bars (LSTM2Head) or the primary one (multi-head: the middle one, as the seed).</summary>
    public required int Horizon { get; init; }

    public required IReadOnlyList<int> Horizons { get; init; }
    public required int InputSize { get; init; }
    public required int Hidden { get; init; }
    public required int NumLayers { get; init; }
    public required double Dropout { get; init; }
    public required double HeadHiddenRatio { get; init; }

    /// <summary>What y_ret and y_vol mean, so a consumer of σ̂ knows its unit.</summary>
    public TargetInfo? Targets { get; init; }

    public DataInfo? Data { get; init; }
    public SplitInfo? Split { get; init; }
    public TrainingInfo? Training { get; init; }
    public IReadOnlyList<ForecastEvaluation>? Metrics { get; init; }
    public required WeightsInfo Weights { get; init; }
    public string ScalerFile { get; init; } = "scaler.json";
    public string? LossPlot { get; init; }
    public ImportInfo? ImportedFrom { get; init; }
    public IReadOnlyList<string> Notes { get; init; } = [UncalibratedBandsNote];

    public ModelArchitecture Architecture() =>
        new(ModelArchitecture.ParseKind(ModelType), InputSize, Hidden, NumLayers, Dropout, Horizons, HeadHiddenRatio);

    public static ModelMeta Describe(string version, ModelArchitecture a, IReadOnlyList<string> featureNames, string? featureSet, int seqLen, DateTimeOffset created) =>
        new()
        {
            Version = version,
            ModelType = a.KindName,
            Created = created,
            FeatureSet = featureSet,
            FeatureNames = featureNames.ToArray(),
            FeatureHash = FeatureSchema.Hash(featureNames),
            SeqLen = seqLen,
            Horizon = a.PrimaryHorizon,
            Horizons = a.Horizons.ToArray(),
            InputSize = a.InputSize,
            Hidden = a.HiddenSize,
            NumLayers = a.NumLayers,
            Dropout = a.Dropout,
            HeadHiddenRatio = a.HeadHiddenRatio,
            Weights = WeightsInfo.Default,
        };
}

public sealed record TargetInfo(string Return, string Volatility);

/// <summary>The candles the model was trained on.</summary>
public sealed record DataInfo(string Series, string Source, long FirstOpenTime, long LastOpenTime, int Rows);

/// <summary>Sequence counts per split and how the scaler was fitted.</summary>
public sealed record SplitInfo(int Train, int Validation, int Test, int PurgeGap, int? TrainRowsEnd, string ScalerFittedOn);

public sealed record EpochRecord(int Epoch, double TrainLoss, double ValLoss, double ValDirectionalAccuracy);

public sealed record TrainingInfo(
    int EpochsRequested,
    int EpochsRun,
    int BestEpoch,
    double BestValLoss,
    bool StoppedEarly,
    double LearningRate,
    int BatchSize,
    int Patience,
    int Seed,
    double GradClipNorm,
    string Loss,
    IReadOnlyList<EpochRecord> History);

/// <summary>Where the weights are and how they are stored.</summary>
public sealed record WeightsInfo(string File, string Format, string DType)
{
    public static readonly WeightsInfo Default = new("weights.safetensors", "safetensors", "F32");
}

/// <summary>Provenance of an artifact converted from the original Python project.</summary>
public sealed record ImportInfo(string SourceDirectory, IReadOnlyList<string> Files, string Note);
