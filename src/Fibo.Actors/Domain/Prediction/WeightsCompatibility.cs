using System.Globalization;
using System.Text.RegularExpressions;

namespace Fibo.Actors.Domain.Prediction;

/// <summary>What the tensor shapes in a weights file say about the network that produced them.</summary>
public sealed record WeightsShapeSummary(int? InputSize, int? HiddenSize, int? NumLayers, int? HeadHidden, IReadOnlyList<int> MultiHeadHorizons)
{
    public override string ToString()
    {
        var parts = new List<string>();
        if (InputSize is { } i) parts.Add($"input {i}");
        if (HiddenSize is { } h) parts.Add($"hidden {h}");
        if (NumLayers is { } l) parts.Add($"layers {l}");
        if (HeadHidden is { } hh) parts.Add($"head {hh}");
        if (MultiHeadHorizons.Count > 0) parts.Add($"horizons [{string.Join(",", MultiHeadHorizons)}]");
        return string.Join(", ", parts);
    }
}

/// <summary>
/// Compares the tensors of a weights file with the network a meta.json describes, before loading, and fails with
/// every difference named. This is where the seed's load_model bug (hidden size guessed wrong) and its silent
/// <c>strict=False</c> fallback (random heads) become a clear error instead (SEED-SPEC §12 C.14–C.15).
/// </summary>
public static partial class WeightsCompatibility
{
    public static void Require(IReadOnlyDictionary<string, long[]> actual, IForecastNetwork network, string weightsSource, string describedBy)
    {
        var expected = network.ExpectedTensors().ToDictionary(t => t.Name, t => t.Shape);
        var problems = new List<string>();
        var missing = expected.Keys.Where(k => !actual.ContainsKey(k)).ToList();
        var unexpected = actual.Keys.Where(k => !expected.ContainsKey(k)).ToList();
        if (missing.Count > 0) problems.Add($"missing tensors: {string.Join(", ", missing)}");
        if (unexpected.Count > 0) problems.Add($"unexpected tensors: {string.Join(", ", unexpected)}");
        foreach (var (name, shape) in expected)
            if (actual.TryGetValue(name, out var got) && !got.SequenceEqual(shape))
                problems.Add($"{name} is [{string.Join(", ", got)}] but {describedBy} needs [{string.Join(", ", shape)}]");
        if (problems.Count == 0) return;
        var summary = Summarise(actual);
        throw new InputException(
            $"{weightsSource} does not fit the network that {describedBy} describes ({network.Architecture}): {string.Join("; ", problems)}. " +
            $"The weights look like: {summary}. Fix the meta (hidden, num_layers, feature list, horizons) to match the weights, or use the weights that belong to it.");
    }

    /// <summary>Reads the architecture off the tensor shapes (LSTM: weight_ih is 4H × F, weight_hh is 4H × H).</summary>
    public static WeightsShapeSummary Summarise(IReadOnlyDictionary<string, long[]> shapes)
    {
        int? input = shapes.TryGetValue("lstm.weight_ih_l0", out var ih) && ih.Length == 2 ? (int)ih[1] : null;
        int? hidden = shapes.TryGetValue("lstm.weight_hh_l0", out var hh) && hh.Length == 2 ? (int)hh[1] : null;
        var layerIndexes = shapes.Keys.Select(k => LayerKey().Match(k)).Where(m => m.Success)
            .Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        int? layers = layerIndexes.Count > 0 ? layerIndexes.Max() + 1 : null;
        int? head = null;
        if (shapes.TryGetValue("head_ret.0.weight", out var hr) && hr.Length == 2) head = (int)hr[0];
        var horizons = shapes.Keys.Select(k => MultiHeadKey().Match(k)).Where(m => m.Success)
            .Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).Distinct().Order().ToList();
        if (head is null && horizons.Count > 0 && shapes.TryGetValue($"heads_ret.{horizons[0]}.0.weight", out var mh) && mh.Length == 2) head = (int)mh[0];
        return new WeightsShapeSummary(input, hidden, layers, head, horizons);
    }

    [GeneratedRegex(@"^lstm\.weight_ih_l(\d+)$")]
    private static partial Regex LayerKey();

    [GeneratedRegex(@"^heads_ret\.(\d+)\.0\.weight$")]
    private static partial Regex MultiHeadKey();
}
