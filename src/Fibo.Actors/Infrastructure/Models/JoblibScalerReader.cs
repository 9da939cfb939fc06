using System.Collections;
using Fibo.Actors.Domain;
using Fibo.Actors.Domain.Dataset;
using Fibo.Actors.Domain.Prediction;

namespace Fibo.Actors.Infrastructure.Models;

/// <summary>What the seed's <c>scaler.pkl</c> holds (sklearn StandardScaler, float64).</summary>
public sealed record SklearnStandardScaler(double[] Mean, double[] Scale, double[]? Var, long? SamplesSeen, int FeaturesIn, IReadOnlyList<string>? FeatureNamesIn)
{
    /// <summary>As the port's scaler, with the feature names from the pickle or, when it has none, from meta.json (the seed's ensure_scaler_feature_names).</summary>
    public StandardScaler ToStandardScaler(IReadOnlyList<string> metaFeatureNames, string path)
    {
        if (FeatureNamesIn is { } own)
            FeatureSchema.RequireSameOrder(metaFeatureNames, own, $"{path}: feature_names_in_ vs meta.json feature_cols");
        if (Mean.Length != metaFeatureNames.Count)
            throw new InputException($"{path}: the scaler has {Mean.Length} features but meta.json lists {metaFeatureNames.Count} feature_cols");
        return new StandardScaler(metaFeatureNames, Mean, Scale);
    }
}

/// <summary>Reads a joblib-pickled sklearn <c>StandardScaler</c> into plain arrays.</summary>
public static class JoblibScalerReader
{
    public static SklearnStandardScaler Read(string path)
    {
        var root = JoblibPickle.Load(path);
        if (root is not IDictionary state)
            throw new InputException($"{path}: expected a pickled sklearn StandardScaler, got {root?.GetType().Name ?? "None"}");
        var cls = state.Contains("__class__") ? state["__class__"] as string : null;
        if (cls is not null && !cls.EndsWith("StandardScaler", StringComparison.Ordinal))
            throw new InputException($"{path}: expected an sklearn StandardScaler, got {cls}");
        var mean = Doubles(state, "mean_", path);
        var scale = Doubles(state, "scale_", path);
        var variance = state.Contains("var_") && state["var_"] is not null ? Doubles(state, "var_", path) : null;
        if (mean.Length != scale.Length) throw new InputException($"{path}: mean_ has {mean.Length} values but scale_ has {scale.Length}");
        long? seen = state["n_samples_seen_"] switch
        {
            long l => l,
            int i => i,
            INumpyArray a => a.Data.Cast<object>().Select(Convert.ToInt64).Max(),
            _ => null,
        };
        var featuresIn = state["n_features_in_"] is { } n ? Convert.ToInt32(n) : mean.Length;
        IReadOnlyList<string>? names = state["feature_names_in_"] is INumpyArray arr ? arr.Data.Cast<object>().Select(o => o?.ToString() ?? "").ToArray() : null;
        if (featuresIn != mean.Length) throw new InputException($"{path}: n_features_in_ is {featuresIn} but mean_ has {mean.Length} values");
        return new SklearnStandardScaler(mean, scale, variance, seen, featuresIn, names);
    }

    private static double[] Doubles(IDictionary state, string key, string path) => state[key] switch
    {
        INumpyArray { Data: double[] d } => d,
        INumpyArray other => throw new InputException($"{path}: {key} has dtype {other.Data.GetType().GetElementType()?.Name}, expected float64"),
        null => throw new InputException($"{path}: the scaler has no {key} (was it fitted?)"),
        var o => throw new InputException($"{path}: {key} is a {o.GetType().Name}, expected a numpy array"),
    };
}
