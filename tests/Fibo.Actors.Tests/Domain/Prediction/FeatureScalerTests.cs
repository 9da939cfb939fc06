using Fibo.Actors.Domain;
using Fibo.Actors.Domain.Prediction;

namespace Fibo.Actors.Tests.Domain.Prediction;

public class FeatureScalerTests
{
    [Fact]
    public void Fits_mean_and_population_std_and_maps_a_constant_column_to_scale_one()
    {
        double[] rows = [1, 10, 5, 2, 20, 5, 3, 30, 5, 4, 40, 5];
        var scaler = FeatureScaler.Fit(["a", "b", "c"], rows, 4);
        Assert.Equal([2.5, 25, 5], scaler.Mean);
        Assert.Equal(Math.Sqrt(1.25), scaler.Scale[0], 12);
        Assert.Equal(Math.Sqrt(125), scaler.Scale[1], 12);
        Assert.Equal(1.0, scaler.Scale[2]);

        var scaled = new float[3];
        scaler.Transform([4.0, 10.0, 5.0], scaled.AsSpan());
        Assert.Equal((float)(1.5 / Math.Sqrt(1.25)), scaled[0]);
        Assert.Equal((float)(-15 / Math.Sqrt(125)), scaled[1]);
        Assert.Equal(0f, scaled[2]);
    }

    [Fact]
    public void Refuses_non_finite_training_rows_and_bad_statistics()
    {
        Assert.Contains("row 1, feature 'b' is NaN", Assert.Throws<InputException>(() => FeatureScaler.Fit(["a", "b"], [1, 2, 3, double.NaN], 2)).Message);
        Assert.Contains("scale of 'b' is 0", Assert.Throws<InputException>(() => new FeatureScaler(["a", "b"], [0, 0], [1, 0])).Message);
        Assert.Contains("lists feature 'a' twice", Assert.Throws<InputException>(() => new FeatureScaler(["a", "a"], [0, 0], [1, 1])).Message);
        Assert.Contains("2 feature names but 1 means", Assert.Throws<InputException>(() => new FeatureScaler(["a", "b"], [0], [1, 1])).Message);
    }

    [Fact]
    public void Feature_lists_must_match_exactly_in_order()
    {
        var scaler = new FeatureScaler(["a", "b", "c"], [0, 0, 0], [1, 1, 1]);
        scaler.RequireFeatures(["a", "b", "c"], "ctx");
        var e = Assert.Throws<InputException>(() => scaler.RequireFeatures(["a", "c", "b"], "ctx"));
        Assert.Contains("different order (first difference at position 1: 'c' vs 'b')", e.Message);
        e = Assert.Throws<InputException>(() => scaler.RequireFeatures(["a", "b", "d"], "ctx"));
        Assert.Contains("missing from the scaler: [d]; extra in the scaler: [c]", e.Message);
    }
}
