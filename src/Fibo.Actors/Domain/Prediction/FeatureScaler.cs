namespace Fibo.Actors.Domain.Prediction;

/// <summary>
/// A fitted StandardScaler: (x − mean) / scale per feature, float64 in, the same arithmetic as scikit-learn's
/// <c>transform</c> (then a cast to float32 for the model). The feature names travel with the numbers so a model can
/// never be fed columns in another order (SEED-SPEC §5.4, §12 B.10).
/// </summary>
public sealed class FeatureScaler
{
    // scikit-learn's _handle_zeros_in_scale: a scale below 10·eps is treated as a constant feature and mapped to 1.
    private const double ZeroScaleThreshold = 10 * 2.220446049250313e-16;

    private readonly string[] _names;
    private readonly double[] _mean;
    private readonly double[] _scale;

    public FeatureScaler(IReadOnlyList<string> featureNames, IReadOnlyList<double> mean, IReadOnlyList<double> scale)
    {
        _names = featureNames.ToArray();
        _mean = mean.ToArray();
        _scale = scale.ToArray();
        if (_names.Length == 0) throw new InputException("a scaler needs at least one feature name");
        if (_mean.Length != _names.Length || _scale.Length != _names.Length)
            throw new InputException($"scaler has {_names.Length} feature names but {_mean.Length} means and {_scale.Length} scales: they must be equal");
        var duplicate = _names.GroupBy(n => n).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new InputException($"scaler lists feature '{duplicate.Key}' twice");
        for (var i = 0; i < _names.Length; i++)
        {
            if (!double.IsFinite(_mean[i])) throw new InputException($"scaler mean of '{_names[i]}' is {_mean[i]}: it must be finite");
            if (!double.IsFinite(_scale[i]) || _scale[i] <= 0)
                throw new InputException($"scaler scale of '{_names[i]}' is {_scale[i]}: it must be finite and > 0");
        }
    }

    public IReadOnlyList<string> FeatureNames => _names;
    public IReadOnlyList<double> Mean => _mean;
    public IReadOnlyList<double> Scale => _scale;
    public int FeatureCount => _names.Length;

    /// <summary>
    /// Fits on row-major float64 rows (rowCount × F): mean and population std (ddof 0), a zero std mapped to 1,
    /// as scikit-learn's StandardScaler.
    /// </summary>
    public static FeatureScaler Fit(IReadOnlyList<string> featureNames, ReadOnlySpan<double> rows, int rowCount)
    {
        var f = featureNames.Count;
        if (rowCount < 1) throw new InputException("cannot fit a scaler on zero rows");
        if (rows.Length != rowCount * f) throw new ArgumentException($"expected {rowCount}×{f} values, got {rows.Length}");
        var mean = new double[f];
        var m2 = new double[f];
        // Welford per column: stable for features with a large offset (price levels in v1).
        for (var r = 0; r < rowCount; r++)
        {
            var row = rows.Slice(r * f, f);
            for (var j = 0; j < f; j++)
            {
                var x = row[j];
                if (!double.IsFinite(x)) throw new InputException($"cannot fit the scaler: row {r}, feature '{featureNames[j]}' is {x}");
                var delta = x - mean[j];
                mean[j] += delta / (r + 1);
                m2[j] += delta * (x - mean[j]);
            }
        }
        var scale = new double[f];
        for (var j = 0; j < f; j++)
        {
            var s = Math.Sqrt(m2[j] / rowCount);
            scale[j] = s < ZeroScaleThreshold ? 1.0 : s;
        }
        return new FeatureScaler(featureNames, mean, scale);
    }

    /// <summary>Scales row-major raw values (any number of rows × F) into float32, the model's input type.</summary>
    public void Transform(ReadOnlySpan<double> raw, Span<float> scaled)
    {
        if (raw.Length % _names.Length != 0) throw new ArgumentException($"{raw.Length} values are not whole rows of {_names.Length} features");
        if (scaled.Length < raw.Length) throw new ArgumentException("output buffer too small");
        var f = _names.Length;
        for (var i = 0; i < raw.Length; i++)
        {
            var j = i % f;
            scaled[i] = (float)((raw[i] - _mean[j]) / _scale[j]);
        }
    }

    /// <summary>The same transform in float64 (for datasets that keep float64 until the tensor).</summary>
    public void Transform(ReadOnlySpan<double> raw, Span<double> scaled)
    {
        if (raw.Length % _names.Length != 0) throw new ArgumentException($"{raw.Length} values are not whole rows of {_names.Length} features");
        var f = _names.Length;
        for (var i = 0; i < raw.Length; i++)
        {
            var j = i % f;
            scaled[i] = (raw[i] - _mean[j]) / _scale[j];
        }
    }

    /// <summary>Fails unless <paramref name="expected"/> is exactly this scaler's feature list, in order (the seed's "Feature mismatch").</summary>
    public void RequireFeatures(IReadOnlyList<string> expected, string context)
    {
        if (expected.SequenceEqual(_names)) return;
        var missing = expected.Except(_names).ToList();
        var extra = _names.Except(expected).ToList();
        var detail = missing.Count == 0 && extra.Count == 0
            ? $"same {expected.Count} names in a different order (first difference at position {FirstDifference(expected, _names)}: " +
              $"'{expected[FirstDifference(expected, _names)]}' vs '{_names[FirstDifference(expected, _names)]}')"
            : $"missing from the scaler: [{string.Join(", ", missing)}]; extra in the scaler: [{string.Join(", ", extra)}]";
        throw new InputException($"{context}: feature mismatch between the scaler ({_names.Length} features) and the expected list ({expected.Count}): {detail}");
    }

    private static int FirstDifference(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        var i = 0;
        while (i < a.Count && i < b.Count && a[i] == b[i]) i++;
        return i;
    }
}
