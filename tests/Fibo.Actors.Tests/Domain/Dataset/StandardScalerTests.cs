using Fibo.Actors.Domain;
using Fibo.Actors.Domain.Dataset;
using Fibo.Actors.Domain.Features;
using Fibo.Actors.Tests.Support;

namespace Fibo.Actors.Tests.Domain.Dataset;

public class StandardScalerTests
{
    private static FeatureFrame Frame(params double[][] columns)
    {
        int rows = columns[0].Length;
        var values = new double[rows * columns.Length];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < columns.Length; c++)
                values[r * columns.Length + c] = columns[c][r];
        var names = Enumerable.Range(0, columns.Length).Select(i => $"f{i}").ToArray();
        return new FeatureFrame(names, Enumerable.Range(0, rows).Select(i => (long)i * 60_000).ToArray(), Enumerable.Repeat(1.0, rows).ToArray(), values);
    }

    [Fact]
    public void Fits_population_std_on_the_given_rows_only_and_constant_features_get_scale_one()
    {
        var frame = Frame([1, 2, 3, 4, 100], [5, 5, 5, 5, 9]);
        var scaler = StandardScaler.Fit(frame, lastRowInclusive: 3);
        Assert.Equal(2.5, scaler.Mean[0]);
        Assert.Equal(Math.Sqrt(1.25), scaler.Scale[0], 15);
        Assert.Equal(5.0, scaler.Mean[1]);
        Assert.Equal(1.0, scaler.Scale[1]);
        var scaled = scaler.Transform(frame);
        Assert.Equal((100 - 2.5) / Math.Sqrt(1.25), scaled[4, 0], 12);
        Assert.Equal(4.0, scaled[4, 1]);
    }

    [Fact]
    public void Json_round_trips_exactly_with_the_seed_field_names()
    {
        var frame = FeatureRegistry.V2.CreateBatch().Compute(SeedSeries.AppendixA()).DropIncomplete();
        var scaler = StandardScaler.Fit(frame, 192);
        var json = scaler.ToJson();
        Assert.Contains("\"feature_names\"", json);
        Assert.Contains("\"mean\"", json);
        Assert.Contains("\"scale\"", json);
        var dir = Directory.CreateTempSubdirectory("fibo-scaler-");
        try
        {
            var path = Path.Combine(dir.FullName, "scaler.json");
            scaler.Save(path);
            var back = StandardScaler.Load(path);
            Assert.Equal(scaler.FeatureNames, back.FeatureNames);
            Assert.True(scaler.Mean.SequenceEqual(back.Mean));
            Assert.True(scaler.Scale.SequenceEqual(back.Scale));
        }
        finally { dir.Delete(recursive: true); }
    }

    [Fact]
    public void Mismatched_names_fail_with_the_seed_message_and_reordered_names_are_aligned()
    {
        var scaler = new StandardScaler(["a", "b", "c"], [0, 10, 20], [1, 2, 4]);
        var e = Assert.Throws<InputException>(() => scaler.AlignTo(["a", "b", "d", "e"]));
        Assert.Equal("Feature mismatch. Missing: {'c'}, Extra: {'d', 'e'}", e.Message);
        Assert.Equal("Feature mismatch. Missing: {'c'}, Extra: set()", Assert.Throws<InputException>(() => scaler.AlignTo(["b", "a"])).Message);

        var frame = new FeatureFrame(["c", "a", "b"], [0], [1], [24, 1, 14]);
        var scaled = scaler.Transform(frame);
        Assert.Equal(["a", "b", "c"], scaled.Columns);
        Assert.Equal([1.0, 2.0, 1.0], scaled.Row(0).ToArray());
    }

    [Fact]
    public void Bad_json_is_an_input_error_naming_the_file()
    {
        Assert.Contains("missing 'feature_names'", Assert.Throws<InputException>(() => StandardScaler.FromJson("{\"mean\": [1]}", "x.json")).Message);
        Assert.Contains("scale of 'a' is 0", Assert.Throws<InputException>(() => StandardScaler.FromJson("{\"feature_names\":[\"a\"],\"mean\":[1],\"scale\":[0]}", "x.json")).Message);
        Assert.Contains("does not exist", Assert.Throws<InputException>(() => StandardScaler.Load("/nonexistent/scaler.json")).Message);
    }

    [Fact]
    public void Transform_row_matches_the_frame_transform()
    {
        var frame = FeatureRegistry.V2.CreateBatch().Compute(SeedSeries.AppendixA()).DropIncomplete();
        var scaler = StandardScaler.Fit(frame, 100);
        var scaled = scaler.Transform(frame);
        var row = new double[14];
        scaler.TransformRow(frame.Row(200), row);
        Assert.Equal(scaled.Row(200).ToArray(), row);
    }
}
