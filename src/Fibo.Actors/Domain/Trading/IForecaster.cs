using Fibo.Actors.Domain.Prediction;

namespace Fibo.Actors.Domain.Trading;

/// <summary>
/// A model that turns feature windows into forecasts, in batches (the predictor batches across series). Implemented
/// over the LSTM by an adapter; tests use small deterministic ones.
/// </summary>
public interface IForecaster
{
    int SequenceLength { get; }
    int FeatureCount { get; }

    /// <summary>
    /// Predicts one forecast per window. <paramref name="windows"/> holds <c>results.Length</c> windows back to back,
    /// each <see cref="SequenceLength"/> × <see cref="FeatureCount"/> row-major, oldest row first.
    /// </summary>
    void Predict(ReadOnlySpan<double> windows, Span<Forecast> results);
}
