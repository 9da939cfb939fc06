using Fibo.Actors.Domain;
using Fibo.Actors.Domain.Dataset;
using Fibo.Actors.Domain.Prediction;
using TorchSharp.PyBridge;

namespace Fibo.Actors.Infrastructure.Models;

/// <summary>
/// A model version on disk: one directory with <c>meta.json</c>, <c>scaler.json</c>, <c>weights.safetensors</c> and
/// optionally <c>loss.png</c>.
/// <para>Weights are safetensors (via TorchSharp.PyBridge) rather than TorchSharp's own format or a torch pickle:
/// the header names every tensor with its dtype and shape, so the loader checks them against meta.json before
/// reading any data and reports exactly what differs; loading runs no pickle code; and the same file opens in
/// Python (<c>safetensors.torch.load_file</c>) with the seed's state-dict names, so a Fibo model can go back to PyTorch.</para>
/// </summary>
public static class ModelArtifact
{
    public const string MetaFileName = "meta.json";
    public const string ScalerFileName = "scaler.json";
    public const string LossPlotFileName = "loss.png";

    /// <summary>
    /// Writes a new artifact directory. The files go into a hidden temporary directory next to it that is renamed
    /// at the end, so a registry never lists a half-written version.
    /// </summary>
    public static string Save(string directory, IForecastNetwork network, StandardScaler scaler, ModelMeta meta, Action<string>? writeLossPlot = null)
    {
        var full = Path.GetFullPath(directory);
        ModelSnapshot.Validate(network.Architecture, scaler, meta, $"model {meta.Version}");
        if (Directory.Exists(full) || File.Exists(full)) throw new InputException($"{full} already exists: a model version is never overwritten");
        var parent = Path.GetDirectoryName(full) ?? throw new InputException($"{full} has no parent directory");
        Directory.CreateDirectory(parent);
        var temp = Path.Combine(parent, $".{Path.GetFileName(full)}.partial-{Guid.NewGuid():N}");
        Directory.CreateDirectory(temp);
        try
        {
            network.Module.save_safetensors(Path.Combine(temp, meta.Weights.File));
            scaler.Save(Path.Combine(temp, meta.ScalerFile));
            var written = meta;
            if (writeLossPlot is not null)
            {
                writeLossPlot(Path.Combine(temp, LossPlotFileName));
                written = meta with { LossPlot = LossPlotFileName };
            }
            ArtifactJson.Write(Path.Combine(temp, MetaFileName), written);
            Directory.Move(temp, full);
            return full;
        }
        catch
        {
            try { Directory.Delete(temp, recursive: true); } catch (IOException) { /* leave the hidden partial dir */ }
            throw;
        }
    }

    /// <summary>Reads only meta.json (listing, showing).</summary>
    public static ModelMeta ReadMeta(string directory) =>
        ArtifactJson.Read<ModelMeta>(Path.Combine(directory, MetaFileName), "meta.json");

    /// <summary>
    /// Loads and validates a whole artifact: meta rules, scaler = feature list, weights file names/shapes/dtype = the
    /// network meta.json describes, then a strict load. Every mismatch is an <see cref="InputException"/> that says what.
    /// </summary>
    public static ModelSnapshot Load(string directory)
    {
        var full = Path.GetFullPath(directory);
        if (!Directory.Exists(full)) throw new InputException($"{full}: model directory does not exist");
        var where = $"model artifact {full}";
        var meta = ReadMeta(full);
        ModelSnapshot.ValidateMeta(meta, where);
        var scaler = StandardScaler.Load(Path.Combine(full, meta.ScalerFile));
        FeatureSchema.RequireSameOrder(meta.FeatureNames, scaler.FeatureNames, $"{where}: {meta.ScalerFile} vs meta.json feature_names");
        if (!string.Equals(meta.Weights.Format, "safetensors", StringComparison.OrdinalIgnoreCase))
            throw new InputException($"{where}: weights format '{meta.Weights.Format}' is not supported (expected safetensors)");
        var weightsPath = Path.Combine(full, meta.Weights.File);
        var entries = SafetensorsHeader.Read(weightsPath);
        var notF32 = entries.Where(e => e.DType != "F32").ToList();
        if (notF32.Count > 0)
            throw new InputException($"{weightsPath}: tensors must be F32, found {string.Join(", ", notF32.Select(e => $"{e.Name} {e.DType}"))}");
        ModelArchitecture architecture;
        try
        {
            architecture = meta.Architecture();
        }
        catch (InputException e)
        {
            throw new InputException($"{where}: meta.json: {e.Message}", e);
        }
        var network = ForecastNetworks.Create(architecture);
        try
        {
            WeightsCompatibility.Require(entries.ToDictionary(e => e.Name, e => e.Shape), network, weightsPath, "meta.json");
            network.Module.load_safetensors(weightsPath, strict: true);
            return ModelSnapshot.Create(network, scaler, meta, full);
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }
}
