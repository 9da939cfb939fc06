using Fibo.Actors.Domain.Prediction;
using Fibo.Actors.Domain.Trading;
using Fibo.Actors.Tests.Support;

namespace Fibo.Actors.Tests.Domain.Trading;

/// <summary>The forecaster adapter returns what the loaded model predicts, window by window, in one batch.</summary>
public class ModelForecasterTests
{
    [Fact]
    public void Predicts_the_snapshot_primary_horizon_for_a_batch()
    {
        var trained = TinyModels.Train();
        using var snapshot = ModelSnapshot.Create(trained.Network, TinyModels.Scaler(), TinyModels.Meta("test-v1", trained.Network));
        var forecaster = new ModelForecaster(snapshot);
        Assert.Equal(TinyModels.SeqLen, forecaster.SequenceLength);
        Assert.Equal(TinyModels.FeatureNames.Length, forecaster.FeatureCount);

        var windows = TinyModels.RawWindows(5);
        var results = new Forecast[5];
        forecaster.Predict(windows.Values, results);
        var expected = snapshot.Predict(windows);
        Assert.Equal(expected, results);
        Assert.All(results, f => Assert.True(double.IsFinite(f.Ret) && double.IsFinite(f.Vol)));
        Assert.NotEqual(results[0], results[1]); // different windows, different forecasts

        // One window at a time gives the same numbers as the batch.
        for (var i = 0; i < 5; i++)
        {
            var one = new Forecast[1];
            forecaster.Predict(windows.Window(i), one);
            Assert.Equal(expected[i].Ret, one[0].Ret, 6);
            Assert.Equal(expected[i].Vol, one[0].Vol, 6);
        }
    }
}
