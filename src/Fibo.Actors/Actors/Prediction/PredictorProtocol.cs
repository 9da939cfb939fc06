using Fibo.Actors.Domain.Prediction;
using Fibo.Messages.Primitives;

namespace Fibo.Actors.Actors.Prediction;

// Node-local messages of the predictor (a predictor serves the series entities of its own node only).

/// <summary>
/// What a model needs as input, so a series entity can build the matching feature window: the feature set, its columns
/// in the model's order (with their hash) and the window length.
/// </summary>
public sealed record ModelSpec(string Version, string FeatureSet, IReadOnlyList<string> Columns, string FeatureHash, int SeqLen)
{
    public int WindowSize => SeqLen * Columns.Count;

    /// <summary>True when windows built for <paramref name="other"/> fit this model too.</summary>
    public bool SameInputs(ModelSpec? other) =>
        other is not null && other.FeatureSet == FeatureSet && other.FeatureHash == FeatureHash && other.SeqLen == SeqLen;
}

/// <summary>Asks the predictor which model it serves; answered with <see cref="CurrentModel"/>.</summary>
public sealed class GetCurrentModel
{
    public static readonly GetCurrentModel Instance = new();
    private GetCurrentModel() { }
}

/// <param name="Spec">The served model's inputs, or null when no model is loaded (<paramref name="Problem"/> says why).</param>
public sealed record CurrentModel(ModelSpec? Spec, string? Problem);

/// <summary>Published on the node's event stream when the predictor starts serving another model (or none).</summary>
public sealed record ModelChanged(ModelSpec? Spec);

/// <summary>
/// One window to forecast: <see cref="ModelSpec.SeqLen"/> × columns raw feature values (row-major, oldest first) ending at
/// the candle <paramref name="OpenTime"/>, built for the model inputs <paramref name="FeatureHash"/>/<paramref name="SeqLen"/>.
/// Answered with <see cref="WindowForecast"/> or <see cref="ForecastRefused"/>.
/// </summary>
public sealed record PredictWindow(SeriesKey Series, long OpenTime, string FeatureHash, int SeqLen, double[] Window);

public sealed record WindowForecast(SeriesKey Series, long OpenTime, Forecast Forecast, string ModelVersion);

/// <summary>No forecast for this window (no model, or the model changed its inputs: <paramref name="Current"/>).</summary>
public sealed record ForecastRefused(SeriesKey Series, long OpenTime, string Reason, ModelSpec? Current);

/// <summary>Asks for <see cref="PredictorStats"/>.</summary>
public sealed class GetPredictorStats
{
    public static readonly GetPredictorStats Instance = new();
    private GetPredictorStats() { }
}

/// <summary>What the predictor has done since the node started.</summary>
public sealed record PredictorStats(
    string? ModelVersion, string Kind, long Requests, long Forecasts, long Refused, long Batches, int LargestBatch, long Reloads, string? LastError)
{
    public double AverageBatch => Batches == 0 ? 0 : (double)Forecasts / Batches;
}
