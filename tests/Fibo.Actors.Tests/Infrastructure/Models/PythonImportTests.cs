using System.Text.Json;
using System.Text.Json.Nodes;
using Fibo.Actors.Domain;
using Fibo.Actors.Domain.Features;
using Fibo.Actors.Domain.Prediction;
using Fibo.Actors.Infrastructure.Models;
using Fibo.Actors.Tests.Support;

namespace Fibo.Actors.Tests.Infrastructure.Models;

/// <summary>
/// The original Python artifacts import and then predict exactly what PyTorch predicts. Reference numbers come from
/// TestData/seed-v1/make_reference.py (Debian python3-torch, the seed's LSTM2Head, its scaler.pkl via joblib).
/// </summary>
public class PythonImportTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void The_seed_scaler_pickle_reads_as_sklearns_mean_and_scale()
    {
        var reference = Reference.Load("seed-v1");
        var scaler = JoblibScalerReader.Read(TestData.Path("seed-v1", "scaler.pkl"));

        Assert.Equal(reference.Doubles("scaler_mean"), scaler.Mean);   // bit-for-bit: the raw float64 bytes
        Assert.Equal(reference.Doubles("scaler_scale"), scaler.Scale);
        Assert.Equal(39, scaler.FeaturesIn);
        Assert.Equal(reference.Root.GetProperty("scaler_n_samples_seen").GetInt64(), scaler.SamplesSeen);
        Assert.Null(scaler.FeatureNamesIn);
        Assert.NotNull(scaler.Var);
        Assert.Equal(scaler.Scale.Select(s => s * s), scaler.Var!, new ToleranceComparer(1e-12));
    }

    [Fact]
    public void A_numpy1_scaler_with_feature_names_in_reads_too()
    {
        var expected = JsonDocument.Parse(File.ReadAllText(TestData.Path("joblib", "scaler_with_names.json"))).RootElement;
        var scaler = JoblibScalerReader.Read(TestData.Path("joblib", "scaler_with_names.pkl"));

        Assert.Equal(expected.GetProperty("feature_names").EnumerateArray().Select(e => e.GetString()), scaler.FeatureNamesIn!);
        Assert.Equal(expected.GetProperty("mean").EnumerateArray().Select(e => e.GetDouble()), scaler.Mean);
        Assert.Equal(expected.GetProperty("scale").EnumerateArray().Select(e => e.GetDouble()), scaler.Scale);
        Assert.Equal(1.0, scaler.Scale[3]); // sklearn maps a constant column's zero std to 1
        Assert.Equal(50, scaler.SamplesSeen);

        // Its own names must agree with the meta's list when converting.
        var e = Assert.Throws<InputException>(() => scaler.ToStandardScaler(["log_ret_1", "bb_width", "rsi_14", "constant"], "scaler_with_names.pkl"));
        Assert.Contains("different order", e.Message);
    }

    [Fact]
    public void The_imported_seed_model_predicts_what_pytorch_predicts()
    {
        var reference = Reference.Load("seed-v1");
        var result = PythonArtifactImporter.Import(TestData.Path("seed-v1"), _temp.Combine("models"), featureSetOf: names => FeatureRegistry.All.FirstOrDefault(s => s.Columns.SequenceEqual(names))?.Name);

        using var model = ModelArtifact.Load(result.Directory);
        Assert.Equal("LSTM2Head", model.Meta.ModelType);
        Assert.Equal(reference.Root.GetProperty("feature_names").EnumerateArray().Select(e => e.GetString()), model.FeatureNames);
        Assert.Equal(32, model.SeqLen);
        Assert.Equal(1, model.Meta.Horizon);
        Assert.Equal(64, model.Meta.Hidden);
        Assert.Equal(2, model.Meta.NumLayers);
        Assert.Equal("v1", model.Meta.FeatureSet); // the seed's 39 columns are exactly our registry's v1, in order
        Assert.Equal(FeatureRegistry.V1.SchemaHash, model.Meta.FeatureHash);
        Assert.NotNull(model.Meta.ImportedFrom);
        Assert.Equal(64_386, model.Network.ParameterCount());
        Assert.Equal(reference.Doubles("scaler_mean"), model.Scaler.Mean.ToArray());
        Assert.Equal(reference.Doubles("scaler_scale"), model.Scaler.Scale.ToArray());

        var forecasts = model.Predict(reference.RawWindows());
        var ret = reference.Doubles("pred_ret");
        var vol = reference.Doubles("pred_vol");
        Assert.Equal(ret.Length, forecasts.Length);
        for (var i = 0; i < ret.Length; i++)
        {
            Assert.Equal(ret[i], forecasts[i].Ret, 1e-5);
            Assert.Equal(vol[i], forecasts[i].Vol, 1e-5);
        }
    }

    [Fact]
    public void A_wrapped_checkpoint_with_module_prefixes_imports_and_matches_pytorch()
    {
        var reference = Reference.Load("seed-wrapped");
        var result = PythonArtifactImporter.Import(TestData.Path("seed-wrapped"), _temp.Combine("models"), label: "wrapped");
        Assert.StartsWith("wrapped.", result.Meta.Version);

        using var model = ModelArtifact.Load(result.Directory);
        Assert.Equal(1, model.Meta.NumLayers);
        var forecasts = model.Predict(reference.RawWindows());
        var ret = reference.Doubles("pred_ret");
        var vol = reference.Doubles("pred_vol");
        for (var i = 0; i < ret.Length; i++)
        {
            Assert.Equal(ret[i], forecasts[i].Ret, 1e-5);
            Assert.Equal(vol[i], forecasts[i].Vol, 1e-5);
        }
    }

    [Fact]
    public void A_meta_hidden_size_that_contradicts_the_weights_fails_instead_of_guessing()
    {
        var source = CopySeed(meta => meta["hidden"] = 32);
        var e = Assert.Throws<InputException>(() => PythonArtifactImporter.Import(source, _temp.Combine("models")));
        Assert.Contains("lstm.weight_ih_l0 is [256, 39] but meta.json", e.Message);
        Assert.Contains("needs [128, 39]", e.Message);
        Assert.Contains("hidden 64", e.Message); // what the weights say
        Assert.False(Directory.Exists(_temp.Combine("models")) && Directory.EnumerateDirectories(_temp.Combine("models")).Any());
    }

    [Fact]
    public void A_meta_without_seq_len_is_refused_rather_than_defaulted()
    {
        var source = CopySeed(meta => meta.AsObject().Remove("seq_len"));
        var e = Assert.Throws<InputException>(() => PythonArtifactImporter.Import(source, _temp.Combine("models")));
        Assert.Contains("seq_len is missing", e.Message);
    }

    [Fact]
    public void A_feature_list_that_does_not_match_the_scaler_is_refused()
    {
        var source = CopySeed(meta => meta["feature_cols"]!.AsArray().RemoveAt(38));
        var e = Assert.Throws<InputException>(() => PythonArtifactImporter.Import(source, _temp.Combine("models")));
        Assert.Contains("the scaler has 39 features but meta.json lists 38 feature_cols", e.Message);
    }

    [Fact]
    public void A_corrupt_pickle_is_named()
    {
        var source = CopySeed(_ => { });
        var bytes = File.ReadAllBytes(Path.Combine(source, "scaler.pkl"));
        File.WriteAllBytes(Path.Combine(source, "scaler.pkl"), bytes[..300]);
        var e = Assert.Throws<InputException>(() => PythonArtifactImporter.Import(source, _temp.Combine("models")));
        Assert.Contains("scaler.pkl: not a readable joblib pickle", e.Message);
    }

    private string CopySeed(Action<JsonNode> editMeta)
    {
        var dir = _temp.Combine("seed-copy-" + Guid.NewGuid().ToString("N")[..6]);
        Directory.CreateDirectory(dir);
        foreach (var f in new[] { "model_best.pt", "scaler.pkl", "meta.json" })
            File.Copy(TestData.Path("seed-v1", f), Path.Combine(dir, f));
        var meta = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "meta.json")))!;
        editMeta(meta);
        File.WriteAllText(Path.Combine(dir, "meta.json"), meta.ToJsonString());
        return dir;
    }

    private sealed record Reference(JsonElement Root)
    {
        public static Reference Load(string fixture) =>
            new(JsonDocument.Parse(File.ReadAllText(TestData.Path(fixture, "reference_outputs.json"))).RootElement);

        public double[] Doubles(string name) => Root.GetProperty(name).EnumerateArray().Select(e => e.GetDouble()).ToArray();

        public RawFeatureWindows RawWindows()
        {
            var shape = Root.GetProperty("input_shape").EnumerateArray().Select(e => e.GetInt32()).ToArray();
            return new RawFeatureWindows(Doubles("raw_input"), shape[0], shape[1], shape[2]);
        }
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance * Math.Max(1, Math.Abs(x));
        public int GetHashCode(double obj) => 0;
    }
}
