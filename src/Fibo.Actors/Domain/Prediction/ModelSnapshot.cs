using Fibo.Actors.Domain.Dataset;
using static TorchSharp.torch;

namespace Fibo.Actors.Domain.Prediction;

/// <summary>
/// A loaded model: network, scaler and meta that belong together, checked against each other once and never changed
/// afterwards. Actors hold one snapshot and replace it as a whole (<see cref="ModelSlot"/>), so nobody can see a new
/// network with an old scaler (SEED-SPEC §12 F.31). Prediction takes raw float64 windows, scales them once with
/// this snapshot's scaler, and runs the network under <c>no_grad</c> in a dispose scope.
/// </summary>
public sealed class ModelSnapshot : IDisposable
{
    private ModelSnapshot(IForecastNetwork network, StandardScaler scaler, ModelMeta meta, string? directory)
    {
        Network = network;
        Scaler = scaler;
        Meta = meta;
        Directory = directory;
    }

    public IForecastNetwork Network { get; }
    public StandardScaler Scaler { get; }
    public ModelMeta Meta { get; }

    /// <summary>The artifact directory it was loaded from, if any.</summary>
    public string? Directory { get; }

    public string Version => Meta.Version;
    public int SeqLen => Meta.SeqLen;
    public int FeatureCount => Meta.FeatureNames.Count;
    public IReadOnlyList<string> FeatureNames => Meta.FeatureNames;
    public IReadOnlyList<int> Horizons => Meta.Horizons;

    /// <summary>Checks that the three parts agree and puts the network in eval mode. Takes ownership of the network.</summary>
    public static ModelSnapshot Create(IForecastNetwork network, StandardScaler scaler, ModelMeta meta, string? directory = null)
    {
        Validate(network.Architecture, scaler, meta, directory is null ? $"model {meta.Version}" : $"model artifact {directory}");
        TorchRuntime.EnsureInitialized();
        network.Module.eval();
        return new ModelSnapshot(network, scaler, meta, directory);
    }

    /// <summary>The consistency rules of an artifact: supported format, feature hash, input size, scaler = feature list, network = meta.</summary>
    public static void Validate(ModelArchitecture network, StandardScaler scaler, ModelMeta meta, string where)
    {
        ValidateMeta(meta, where);
        FeatureSchema.RequireSameOrder(meta.FeatureNames, scaler.FeatureNames, $"{where}: scaler vs meta.json feature_names");
        var expected = meta.Architecture();
        if (!expected.Equals(network))
            throw new InputException($"{where}: the network is {network} but meta.json describes {expected}");
    }

    /// <summary>The meta's own rules (checked before anything else is read).</summary>
    public static void ValidateMeta(ModelMeta meta, string where)
    {
        if (meta.FormatVersion != ModelMeta.CurrentFormatVersion)
            throw new InputException($"{where}: meta.json format_version {meta.FormatVersion} is not supported (this build reads {ModelMeta.CurrentFormatVersion})");
        if (meta.FeatureNames.Count == 0) throw new InputException($"{where}: meta.json has no feature_names");
        var hash = FeatureSchema.Hash(meta.FeatureNames);
        if (!string.Equals(hash, meta.FeatureHash, StringComparison.Ordinal))
            throw new InputException($"{where}: meta.json feature_hash {meta.FeatureHash} does not match its feature_names (hash {hash}): " +
                                     "the feature list was edited after training; restore it or retrain");
        if (meta.InputSize != meta.FeatureNames.Count)
            throw new InputException($"{where}: meta.json input_size {meta.InputSize} but it lists {meta.FeatureNames.Count} feature_names");
        if (meta.SeqLen < 1) throw new InputException($"{where}: meta.json seq_len {meta.SeqLen} must be ≥ 1");
        if (!meta.Horizons.Contains(meta.Horizon))
            throw new InputException($"{where}: meta.json horizon {meta.Horizon} is not one of its horizons [{string.Join(", ", meta.Horizons)}]");
    }

    /// <summary>Predictions at the native/primary horizon, one per window.</summary>
    public Forecast[] Predict(RawFeatureWindows windows) => PredictAll(windows).Primary();

    /// <summary>Predictions at every trained horizon.</summary>
    public ForecastBatch PredictAll(RawFeatureWindows windows)
    {
        if (windows.SeqLen != SeqLen)
            throw new InputException($"windows have {windows.SeqLen} time steps but model {Version} was trained with seq_len {SeqLen} (from its meta.json)");
        if (windows.Features != FeatureCount)
            throw new InputException($"windows have {windows.Features} features but model {Version} expects {FeatureCount} ({string.Join(", ", FeatureNames)})");
        CheckFinite(windows);
        var n = Horizons.Count;
        var ret = new float[n][];
        var vol = new float[n][];
        if (windows.Count == 0)
        {
            for (var h = 0; h < n; h++) { ret[h] = []; vol[h] = []; }
            return new ForecastBatch(Horizons, Meta.Horizon, ret, vol);
        }
        var scaled = ScaleToFloat32(windows.Values);
        using (var scope = NewDisposeScope())
        using (no_grad())
        {
            var x = tensor(scaled, windows.Count, SeqLen, FeatureCount);
            var outputs = Network.ForwardHeads(x);
            for (var h = 0; h < n; h++)
            {
                ret[h] = outputs[h].Ret.data<float>().ToArray();
                vol[h] = outputs[h].Vol.data<float>().ToArray();
            }
        }
        return new ForecastBatch(Horizons, Meta.Horizon, ret, vol);
    }

    /// <summary>The multi-horizon fan of SEED-SPEC §7.7 for one window whose last close is <paramref name="currentPrice"/>.</summary>
    public IReadOnlyList<FanPoint> Fan(RawFeatureWindows window, double currentPrice, IEnumerable<int> horizons)
    {
        if (window.Count != 1) throw new ArgumentException($"a fan is made from one window, got {window.Count}");
        var batch = PredictAll(window);
        return FanForecast.Build(currentPrice, Horizons, h => { var f = batch.At(0, h); return (f.Ret, f.Vol); }, horizons);
    }

    /// <summary>(x − mean) / scale in float64 per feature, then float32: scikit-learn's transform followed by the seed's cast.</summary>
    private float[] ScaleToFloat32(double[] raw)
    {
        var mean = Scaler.Mean;
        var scale = Scaler.Scale;
        var f = mean.Length;
        var scaled = new float[raw.Length];
        for (var i = 0; i < raw.Length; i += f)
            for (var j = 0; j < f; j++)
                scaled[i + j] = (float)((raw[i + j] - mean[j]) / scale[j]);
        return scaled;
    }

    private void CheckFinite(RawFeatureWindows w)
    {
        var values = w.Values;
        for (var i = 0; i < values.Length; i++)
        {
            if (double.IsFinite(values[i])) continue;
            var perWindow = w.SeqLen * w.Features;
            throw new InputException($"window {i / perWindow}, step {i % perWindow / w.Features}, feature '{FeatureNames[i % w.Features]}' is {values[i]}: " +
                                     "features must be finite (drop the warm-up rows before building windows)");
        }
    }

    public void Dispose() => Network.Dispose();
}
