using System.Text.Json.Nodes;
using Fibo.Actors.Domain;
using Fibo.Actors.Domain.Prediction;
using Fibo.Actors.Infrastructure.Models;
using Fibo.Actors.Tests.Support;

namespace Fibo.Actors.Tests.Infrastructure.Models;

/// <summary>An artifact round-trips exactly, and every kind of mismatch fails loudly with the reason.</summary>
public class ModelArtifactTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly ModelRegistry _registry;

    public ModelArtifactTests() => _registry = new ModelRegistry(_temp.Combine("models"));

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_saved_model_reloads_and_predicts_identically()
    {
        using var trained = TinyModels.Train();
        var version = _registry.NewVersionName("TEST_BTC-5m", DateTimeOffset.UtcNow);
        var dir = ModelArtifact.Save(_registry.PathOf(version), trained.Network, TinyModels.Scaler(), TinyModels.Meta(version, trained.Network),
            path => LossCurvePlot.Write(path, trained.History, "tiny"));
        var windows = TinyModels.RawWindows(5);

        // Predictions of the in-memory network through the same scaler, before saving took effect on anything.
        using var memory = ModelSnapshot.Create(ForecastNetworks.Create(trained.Network.Architecture), TinyModels.Scaler(), TinyModels.Meta(version, trained.Network));
        memory.Network.Module.load_state_dict(trained.Network.Module.state_dict());
        var expected = memory.Predict(windows);

        using var loaded = ModelArtifact.Load(dir);
        Assert.Equal(expected, loaded.Predict(windows));
        Assert.Equal(version, loaded.Version);
        Assert.Equal(TinyModels.FeatureNames, loaded.FeatureNames);
        Assert.Equal(TinyModels.SeqLen, loaded.SeqLen);
        Assert.True(File.Exists(Path.Combine(dir, "loss.png")));
        Assert.True(new FileInfo(Path.Combine(dir, "loss.png")).Length > 1000);
        Assert.Equal("loss.png", loaded.Meta.LossPlot);
        Assert.Contains(loaded.Meta.Notes, n => n.Contains("not calibrated"));
        Assert.Empty(Directory.GetDirectories(_registry.Root, ".*"));
    }

    [Fact]
    public void Scaler_features_that_differ_from_the_meta_are_refused()
    {
        var dir = TinyModels.SaveArtifact(_registry);
        EditJson(Path.Combine(dir, "scaler.json"), j => j["feature_names"]![1] = "f_x");
        var e = Assert.Throws<InputException>(() => ModelArtifact.Load(dir));
        Assert.Contains("feature mismatch", e.Message);
        Assert.Contains("missing: [f_b]; extra: [f_x]", e.Message);
    }

    [Fact]
    public void Scaler_features_in_another_order_are_refused()
    {
        var dir = TinyModels.SaveArtifact(_registry);
        EditJson(Path.Combine(dir, "scaler.json"), j => j["feature_names"] = new JsonArray("f_b", "f_a", "f_c"));
        var e = Assert.Throws<InputException>(() => ModelArtifact.Load(dir));
        Assert.Contains("different order", e.Message);
    }

    [Fact]
    public void A_hidden_size_that_does_not_match_the_weights_is_refused_naming_both()
    {
        var dir = TinyModels.SaveArtifact(_registry);
        EditJson(Path.Combine(dir, "meta.json"), j => j["hidden"] = 16);
        var e = Assert.Throws<InputException>(() => ModelArtifact.Load(dir));
        Assert.Contains("lstm.weight_hh_l0 is [32, 8] but meta.json needs [64, 16]", e.Message);
        Assert.Contains("The weights look like: input 3, hidden 8, layers 2, head 4", e.Message);
    }

    [Fact]
    public void A_layer_count_that_does_not_match_the_weights_is_refused()
    {
        var dir = TinyModels.SaveArtifact(_registry);
        EditJson(Path.Combine(dir, "meta.json"), j => j["num_layers"] = 3);
        var e = Assert.Throws<InputException>(() => ModelArtifact.Load(dir));
        Assert.Contains("missing tensors: lstm.weight_ih_l2", e.Message);
    }

    [Fact]
    public void A_feature_list_edited_after_training_is_refused_by_its_hash()
    {
        var dir = TinyModels.SaveArtifact(_registry);
        EditJson(Path.Combine(dir, "meta.json"), j => j["feature_names"]![0] = "f_z");
        var e = Assert.Throws<InputException>(() => ModelArtifact.Load(dir));
        Assert.Contains("feature_hash", e.Message);
        Assert.Contains("edited after training", e.Message);
    }

    [Fact]
    public void Windows_must_have_the_seq_len_of_the_meta()
    {
        var dir = TinyModels.SaveArtifact(_registry);
        using var model = ModelArtifact.Load(dir);
        var e = Assert.Throws<InputException>(() => model.Predict(TinyModels.RawWindows(1, seqLen: 32)));
        Assert.Contains("32 time steps", e.Message);
        Assert.Contains($"seq_len {TinyModels.SeqLen} (from its meta.json)", e.Message);

        // The loader takes seq_len from meta.json, never from a default: change it there and the model expects it.
        EditJson(Path.Combine(dir, "meta.json"), j => j["seq_len"] = 9);
        using var reloaded = ModelArtifact.Load(dir);
        Assert.Equal(9, reloaded.SeqLen);
        Assert.Single(reloaded.Predict(TinyModels.RawWindows(1, seqLen: 9)));
    }

    [Fact]
    public void Non_finite_raw_features_are_refused_naming_the_place()
    {
        var dir = TinyModels.SaveArtifact(_registry);
        using var model = ModelArtifact.Load(dir);
        var windows = TinyModels.RawWindows(2);
        windows.Values[TinyModels.SeqLen * 3 + 3 + 2] = double.NaN; // window 1, step 1, feature f_c
        var e = Assert.Throws<InputException>(() => model.Predict(windows));
        Assert.Contains("window 1, step 1, feature 'f_c' is NaN", e.Message);
    }

    [Fact]
    public void Missing_or_broken_files_are_named()
    {
        var dir = TinyModels.SaveArtifact(_registry);
        File.Delete(Path.Combine(dir, "weights.safetensors"));
        var e = Assert.Throws<InputException>(() => ModelArtifact.Load(dir));
        Assert.Contains("weights.safetensors: weights file is missing", e.Message);

        var dir2 = TinyModels.SaveArtifact(_registry, "OTHER_BTC-5m");
        File.WriteAllText(Path.Combine(dir2, "meta.json"), "{ \"version\": \"x\", ");
        e = Assert.Throws<InputException>(() => ModelArtifact.Load(dir2));
        Assert.Contains("meta.json is not valid", e.Message);

        var dir3 = TinyModels.SaveArtifact(_registry, "THIRD_BTC-5m");
        EditJson(Path.Combine(dir3, "meta.json"), j => j.AsObject().Remove("seq_len"));
        e = Assert.Throws<InputException>(() => ModelArtifact.Load(dir3));
        Assert.Contains("seq_len", e.Message);
    }

    [Fact]
    public void Other_format_versions_and_inconsistent_input_sizes_are_refused()
    {
        var dir = TinyModels.SaveArtifact(_registry);
        EditJson(Path.Combine(dir, "meta.json"), j => j["format_version"] = 2);
        Assert.Contains("format_version 2 is not supported", Assert.Throws<InputException>(() => ModelArtifact.Load(dir)).Message);
        EditJson(Path.Combine(dir, "meta.json"), j => { j["format_version"] = 1; j["input_size"] = 4; });
        Assert.Contains("input_size 4 but it lists 3 feature_names", Assert.Throws<InputException>(() => ModelArtifact.Load(dir)).Message);
    }

    [Fact]
    public void A_version_is_never_overwritten()
    {
        var dir = TinyModels.SaveArtifact(_registry);
        using var trained = TinyModels.Train();
        var e = Assert.Throws<InputException>(() =>
            ModelArtifact.Save(dir, trained.Network, TinyModels.Scaler(), TinyModels.Meta(Path.GetFileName(dir), trained.Network)));
        Assert.Contains("already exists", e.Message);
    }

    private static void EditJson(string path, Action<JsonNode> edit)
    {
        var node = JsonNode.Parse(File.ReadAllText(path))!;
        edit(node);
        File.WriteAllText(path, node.ToJsonString());
    }
}
