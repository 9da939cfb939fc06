using Fibo.Actors.Domain.Features;
using Fibo.Messages.MarketData;

namespace Fibo.Actors.Domain.Prediction;

/// <summary>From candles to a model's raw input rows: its own feature set, the seed's dropna, its own columns in its order.</summary>
public static class ModelInputs
{
    /// <summary>The registered feature set a model was trained on; its columns must be the model's, in order.</summary>
    public static FeatureSet FeatureSetOf(ModelMeta meta)
    {
        if (meta.FeatureSet is null || !FeatureRegistry.TryGet(meta.FeatureSet, out var set))
            throw new InputException($"model {meta.Version} names feature set '{meta.FeatureSet ?? "(none)"}', which is not registered " +
                                     $"(known: {string.Join(", ", FeatureRegistry.All.Select(s => s.Name))}); its inputs cannot be computed from candles");
        FeatureSchema.RequireSameOrder(meta.FeatureNames, set.Columns, $"model {meta.Version}: feature set {set.Name} vs meta.json feature_names");
        return set;
    }

    /// <summary>Complete feature rows (warm-up dropped) of the model's columns, raw: ready for <see cref="InferenceWindows"/>.</summary>
    public static FeatureFrame Compute(ModelSnapshot model, ReadOnlySpan<Candle> candles)
    {
        var set = FeatureSetOf(model.Meta);
        var frame = set.CreateBatch().Compute(candles).DropIncomplete();
        if (frame.RowCount < model.SeqLen)
            throw new InputException($"{candles.Length} candles give {frame.RowCount} complete {set.Name} rows after the {set.WarmUp}-row warm-up; " +
                                     $"model {model.Version} needs at least seq_len {model.SeqLen} (so at least {set.WarmUp + model.SeqLen} candles)");
        return frame.SelectColumns(model.FeatureNames);
    }
}
