using Fibo.Actors.Domain.Prediction;

namespace Fibo.Actors.Domain.Trading;

/// <summary>
/// <see cref="IForecaster"/> over a loaded model: windows go in raw (the snapshot scales them with its own scaler) and
/// the primary horizon's (return, σ̂) comes out. Does not own the snapshot.
/// </summary>
public sealed class ModelForecaster(ModelSnapshot snapshot) : IForecaster
{
    public ModelSnapshot Snapshot { get; } = snapshot;
    public int SequenceLength => Snapshot.SeqLen;
    public int FeatureCount => Snapshot.FeatureCount;

    public void Predict(ReadOnlySpan<double> windows, Span<Forecast> results)
    {
        var forecasts = Snapshot.Predict(new RawFeatureWindows(windows.ToArray(), results.Length, SequenceLength, FeatureCount));
        forecasts.CopyTo(results);
    }
}
