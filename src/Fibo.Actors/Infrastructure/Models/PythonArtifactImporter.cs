using System.Text.Json;
using Fibo.Actors.Domain;
using Fibo.Actors.Domain.Prediction;
using static TorchSharp.torch;

namespace Fibo.Actors.Infrastructure.Models;

/// <summary>What an import produced.</summary>
public sealed record PythonImportResult(string Directory, ModelMeta Meta, WeightsShapeSummary Weights, SklearnStandardScaler Scaler);

/// <summary>
/// Converts the original Python project's artifacts (<c>model_best.pt</c>, <c>scaler.pkl</c>, <c>meta.json</c>) into a
/// Fibo artifact. The architecture comes from meta.json where it says so (hidden, num_layers, input_size,
/// model_type, horizons) and from the weight shapes otherwise, as the seed's daemon does; where meta.json and the
/// weights disagree the import fails and says which (instead of the seed's load_model guess or strict=False).
/// seq_len and horizon must be in meta.json: no default is ever taken (the seed's seq_len bug).
/// </summary>
public static class PythonArtifactImporter
{
    public const string CheckpointFile = "model_best.pt";
    public const string ScalerPickleFile = "scaler.pkl";
    public const string SeedMetaFile = "meta.json";

    /// <param name="registryRoot">The registry directory the new version goes into.</param>
    /// <param name="featureSetOf">Names the feature set of an ordered column list ("v1", "v2"), or null if it is none of them.</param>
    public static PythonImportResult Import(string sourceDirectory, string registryRoot, string? label = null,
        Func<IReadOnlyList<string>, string?>? featureSetOf = null, DateTimeOffset? now = null)
    {
        var source = Path.GetFullPath(sourceDirectory);
        if (!Directory.Exists(source)) throw new InputException($"{source}: source directory does not exist");
        var seedMeta = SeedMeta.Read(Path.Combine(source, SeedMetaFile));
        var checkpointPath = Path.Combine(source, CheckpointFile);
        var scalerPath = Path.Combine(source, ScalerPickleFile);

        var sklearn = JoblibScalerReader.Read(scalerPath);
        var scaler = sklearn.ToStandardScaler(seedMeta.FeatureCols, scalerPath);

        TorchRuntime.EnsureInitialized();
        var state = PythonCheckpoint.ReadStateDict(checkpointPath);
        try
        {
            var shapes = state.ToDictionary(kv => kv.Key, kv => kv.Value.shape);
            var summary = WeightsCompatibility.Summarise(shapes);
            var architecture = seedMeta.Architecture(summary, Path.Combine(source, SeedMetaFile), checkpointPath);
            using var network = ForecastNetworks.Create(architecture);
            WeightsCompatibility.Require(shapes, network, checkpointPath, $"{SeedMetaFile} ({seedMeta.Describe()})");
            using (no_grad()) network.Module.load_state_dict(state, strict: true);

            var created = now ?? DateTimeOffset.UtcNow;
            var registry = new ModelRegistry(registryRoot);
            var version = registry.NewVersionName(label ?? "seed-import", created);
            var meta = ModelMeta.Describe(version, architecture, seedMeta.FeatureCols, featureSetOf?.Invoke(seedMeta.FeatureCols), seedMeta.SeqLen, created) with
            {
                Targets = new TargetInfo(
                    "y_ret = ln C[t0+h] − ln C[t0] (seed create_sequences_from_df)",
                    "y_vol = population std of the h one-bar log returns after t0 (0 for h = 1); the seed's GUI never trained this head"),
                Data = seedMeta.Series is null ? null : new DataInfo(seedMeta.Series, "seed meta.json", 0, 0, 0),
                ImportedFrom = new ImportInfo(source, [CheckpointFile, ScalerPickleFile, SeedMetaFile],
                    $"converted from the original Python project; scaler n_samples_seen_ = {sklearn.SamplesSeen?.ToString() ?? "unknown"}; " +
                    $"num_layers {(seedMeta.NumLayers is null ? "inferred from the weights" : "from meta.json")}"),
            };
            var directory = ModelArtifact.Save(registry.PathOf(version), network, scaler, meta);
            using (ModelArtifact.Load(directory)) { } // proves the new artifact loads before we report success
            return new PythonImportResult(directory, meta, summary, sklearn);
        }
        finally
        {
            foreach (var t in state.Values) t.Dispose();
        }
    }

    /// <summary>The seed's meta.json keys that matter (SEED-SPEC §6.5), read leniently but never defaulted where it matters.</summary>
    private sealed record SeedMeta(
        IReadOnlyList<string> FeatureCols, int SeqLen, int Horizon, int? Hidden, int? NumLayers, int? InputSize,
        double? Dropout, string? ModelType, IReadOnlyList<int>? Horizons, double? HeadHiddenRatio, string? Series)
    {
        public static SeedMeta Read(string path)
        {
            if (!File.Exists(path)) throw new InputException($"{path}: the seed's meta.json is missing");
            JsonDocument doc;
            try { doc = JsonDocument.Parse(File.ReadAllText(path)); }
            catch (JsonException e) { throw new InputException($"{path}: not valid JSON: {e.Message}", e); }
            using (doc)
            {
                var root = doc.RootElement;
                if (!root.TryGetProperty("feature_cols", out var cols) || cols.ValueKind != JsonValueKind.Array || cols.GetArrayLength() == 0)
                    throw new InputException($"{path}: feature_cols is missing or empty; the import needs the ordered feature list");
                var names = cols.EnumerateArray().Select(c => c.GetString() ?? "").ToArray();
                var seqLen = Int(root, "seq_len") ?? throw new InputException($"{path}: seq_len is missing; it is never defaulted (the seed's 32-vs-64 bug)");
                var horizon = Int(root, "horizon") ?? throw new InputException($"{path}: horizon is missing");
                IReadOnlyList<int>? horizons = root.TryGetProperty("horizons", out var hs) && hs.ValueKind == JsonValueKind.Array
                    ? hs.EnumerateArray().Select(h => h.GetInt32()).ToArray() : null;
                var symbol = Str(root, "symbol");
                var timeframe = Str(root, "timeframe");
                return new SeedMeta(names, seqLen, horizon, Int(root, "hidden"), Int(root, "num_layers"), Int(root, "input_size"),
                    Dbl(root, "dropout"), Str(root, "model_type"), horizons, Dbl(root, "head_hidden_ratio"),
                    symbol is null || timeframe is null ? null : $"{symbol}-{timeframe}");
            }
        }

        public string Describe() =>
            $"feature_cols {FeatureCols.Count}, seq_len {SeqLen}, horizon {Horizon}, hidden {Hidden?.ToString() ?? "absent"}, num_layers {NumLayers?.ToString() ?? "absent"}";

        public ModelArchitecture Architecture(WeightsShapeSummary weights, string metaPath, string checkpointPath)
        {
            if (InputSize is { } declared && declared != FeatureCols.Count)
                throw new InputException($"{metaPath}: input_size {declared} but feature_cols lists {FeatureCols.Count} names");
            var hidden = Hidden ?? weights.HiddenSize
                         ?? throw new InputException($"{metaPath} has no hidden and {checkpointPath} has no lstm.weight_hh_l0 to read it from");
            var layers = NumLayers ?? weights.NumLayers
                         ?? throw new InputException($"{metaPath} has no num_layers and {checkpointPath} has no lstm.weight_ih_l* to count");
            var multi = ModelType?.Contains("Multi", StringComparison.OrdinalIgnoreCase) == true || weights.MultiHeadHorizons.Count > 0;
            try
            {
                if (!multi) return ModelArchitecture.TwoHead(FeatureCols.Count, hidden, layers, Horizon, Dropout ?? ModelArchitecture.DefaultDropout);
                var horizons = Horizons ?? weights.MultiHeadHorizons;
                return ModelArchitecture.MultiHead(FeatureCols.Count, hidden, layers, horizons, Dropout ?? ModelArchitecture.DefaultDropout,
                    HeadHiddenRatio ?? ModelArchitecture.DefaultHeadHiddenRatio);
            }
            catch (InputException e)
            {
                throw new InputException($"{metaPath}: {e.Message}", e);
            }
        }

        private static int? Int(JsonElement root, string name) =>
            root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : null;

        private static double? Dbl(JsonElement root, string name) =>
            root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

        private static string? Str(JsonElement root, string name) =>
            root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
    }
}
