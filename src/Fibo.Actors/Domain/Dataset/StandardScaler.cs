using System.Text.Json;
using System.Text.Json.Serialization;
using Fibo.Actors.Domain.Features;

namespace Fibo.Actors.Domain.Dataset;

/// <summary>
/// scikit-learn's StandardScaler as the seed uses it (float64): mean and population std per feature, a constant
/// feature gets scale 1; fit on training rows only. Stored as JSON <c>{feature_names, mean, scale}</c>; transform
/// checks names like the seed's <c>prepare_input_for_model</c> ("Feature mismatch. Missing: {…}, Extra: {…}") and
/// reorders a same-set, different-order frame to the scaler's order.
/// </summary>
public sealed class StandardScaler
{
    private readonly string[] _names;
    private readonly double[] _mean;
    private readonly double[] _scale;

    public StandardScaler(IReadOnlyList<string> featureNames, IReadOnlyList<double> mean, IReadOnlyList<double> scale)
    {
        if (featureNames.Count == 0) throw new InputException("a scaler needs at least one feature");
        if (mean.Count != featureNames.Count || scale.Count != featureNames.Count)
            throw new InputException($"scaler has {featureNames.Count} feature names, {mean.Count} means and {scale.Count} scales; they must be equal");
        var dup = featureNames.GroupBy(n => n).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null) throw new InputException($"scaler feature '{dup.Key}' appears more than once");
        for (int i = 0; i < scale.Count; i++)
        {
            if (!double.IsFinite(mean[i])) throw new InputException($"scaler mean of '{featureNames[i]}' is {mean[i]}; refit the scaler on complete rows");
            if (!(scale[i] > 0) || !double.IsFinite(scale[i])) throw new InputException($"scaler scale of '{featureNames[i]}' is {scale[i]}; it must be a positive number");
        }
        _names = featureNames.ToArray();
        _mean = mean.ToArray();
        _scale = scale.ToArray();
    }

    public IReadOnlyList<string> FeatureNames => _names;
    public ReadOnlySpan<double> Mean => _mean;
    public ReadOnlySpan<double> Scale => _scale;
    public int FeatureCount => _names.Length;

    /// <summary>Fits on the frame rows [firstRow, lastRowInclusive] (the seed's <c>df.iloc[:train_rows_end + 1]</c>).</summary>
    public static StandardScaler Fit(FeatureFrame frame, int lastRowInclusive, int firstRow = 0)
    {
        if (firstRow < 0 || lastRowInclusive >= frame.RowCount || lastRowInclusive < firstRow)
            throw new ArgumentOutOfRangeException(nameof(lastRowInclusive), $"rows [{firstRow}, {lastRowInclusive}] are outside the frame's {frame.RowCount} rows");
        int f = frame.ColumnCount, n = lastRowInclusive - firstRow + 1;
        var values = frame.Values;
        var mean = new double[f];
        var scale = new double[f];
        for (int c = 0; c < f; c++)
        {
            double sum = 0;
            for (int r = firstRow; r <= lastRowInclusive; r++)
            {
                double v = values[r * f + c];
                if (!double.IsFinite(v)) throw new InputException($"feature '{frame.Columns[c]}' is {v} at row {r}; drop incomplete rows before fitting the scaler");
                sum += v;
            }
            double m = sum / n;
            // sklearn's two-pass variance with its correction term.
            double ss = 0, corr = 0;
            for (int r = firstRow; r <= lastRowInclusive; r++)
            {
                double d = values[r * f + c] - m;
                ss += d * d;
                corr += d;
            }
            double var = Math.Max(0, (ss - corr * corr / n) / n);
            mean[c] = m;
            scale[c] = IsConstant(var, m, n) ? 1.0 : Math.Sqrt(var);
        }
        return new StandardScaler(frame.Columns, mean, scale);
    }

    // sklearn's _is_constant_feature: the variance is within the rounding error of its own computation.
    private static bool IsConstant(double var, double mean, int n)
    {
        const double eps = 2.220446049250313e-16;
        double upper = n * eps * var + (n * mean * eps) * (n * mean * eps);
        return var <= upper;
    }

    /// <summary>
    /// For each scaler feature, its column in <paramref name="columns"/>. Different name sets fail with the seed's
    /// message; the same set in another order is mapped by name.
    /// </summary>
    public int[] AlignTo(IReadOnlyList<string> columns)
    {
        var missing = _names.Except(columns).Order(StringComparer.Ordinal).ToList();
        var extra = columns.Except(_names).Order(StringComparer.Ordinal).ToList();
        if (missing.Count > 0 || extra.Count > 0)
            throw new InputException($"Feature mismatch. Missing: {PySet(missing)}, Extra: {PySet(extra)}");
        var index = columns.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
        return _names.Select(n => index[n]).ToArray();
    }

    private static string PySet(List<string> names) => names.Count == 0 ? "set()" : "{" + string.Join(", ", names.Select(n => $"'{n}'")) + "}";

    /// <summary>Scales every row; the result has the scaler's column order.</summary>
    public FeatureFrame Transform(FeatureFrame frame)
    {
        var map = AlignTo(frame.Columns);
        int f = _names.Length, src = frame.ColumnCount;
        var input = frame.Values;
        var output = new double[frame.RowCount * f];
        for (int r = 0; r < frame.RowCount; r++)
            for (int c = 0; c < f; c++)
                output[r * f + c] = (input[r * src + map[c]] - _mean[c]) / _scale[c];
        var ordered = frame.SelectColumns(_names);
        return ordered.WithValues(output);
    }

    /// <summary>Scales one row already in the scaler's order (no allocation; for streaming inference).</summary>
    public void TransformRow(ReadOnlySpan<double> row, Span<double> scaled)
    {
        if (row.Length != _names.Length || scaled.Length < _names.Length)
            throw new ArgumentException($"the row has {row.Length} values; the scaler has {_names.Length} features");
        for (int c = 0; c < _names.Length; c++) scaled[c] = (row[c] - _mean[c]) / _scale[c];
    }

    /// <summary>The inverse transform of one row.</summary>
    public void InverseTransformRow(ReadOnlySpan<double> scaled, Span<double> row)
    {
        for (int c = 0; c < _names.Length; c++) row[c] = scaled[c] * _scale[c] + _mean[c];
    }

    private sealed record Dto(
        [property: JsonPropertyName("feature_names")] string[]? FeatureNames,
        [property: JsonPropertyName("mean")] double[]? Mean,
        [property: JsonPropertyName("scale")] double[]? Scale);

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    /// <summary><c>{"feature_names": [...], "mean": [...], "scale": [...]}</c> with round-trip doubles.</summary>
    public string ToJson() => JsonSerializer.Serialize(new Dto(_names, _mean, _scale), JsonOptions);

    public static StandardScaler FromJson(string json, string source = "scaler JSON")
    {
        Dto? dto;
        try
        {
            dto = JsonSerializer.Deserialize<Dto>(json);
        }
        catch (JsonException e)
        {
            throw new InputException($"{source}: not a scaler JSON ({e.Message}); expected {{\"feature_names\": [...], \"mean\": [...], \"scale\": [...]}}", e);
        }
        if (dto?.FeatureNames is null || dto.Mean is null || dto.Scale is null)
            throw new InputException($"{source}: missing 'feature_names', 'mean' or 'scale'; expected {{\"feature_names\": [...], \"mean\": [...], \"scale\": [...]}}");
        try
        {
            return new StandardScaler(dto.FeatureNames, dto.Mean, dto.Scale);
        }
        catch (InputException e)
        {
            throw new InputException($"{source}: {e.Message}", e);
        }
    }

    public void Save(string path)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        var tmp = path + ".tmp";
        File.WriteAllText(tmp, ToJson());
        File.Move(tmp, path, overwrite: true);
    }

    public static StandardScaler Load(string path)
    {
        if (!File.Exists(path)) throw new InputException($"scaler file '{path}' does not exist; pass the scaler.json written with the model");
        return FromJson(File.ReadAllText(path), $"scaler file '{path}'");
    }
}
