namespace Fibo.Actors.Domain.Prediction;

/// <summary>
/// The persistence forecast (the naive baseline of <c>fibo train</c>'s evaluation): the predicted return is the last
/// one-bar log return in the window, with no volatility head (σ̂ = NaN, so the policy sizes the seed's way). It is what
/// the pipeline runs "without the LSTM": the same features, windows, messages and policy, with a forecast that costs nothing.
/// </summary>
public sealed class PersistenceForecaster : Trading.IForecaster
{
    private readonly int _returnColumn;

    /// <param name="columns">The window's columns; one of them must be the one-bar log return <c>log_ret_1</c>.</param>
    public PersistenceForecaster(IReadOnlyList<string> columns, int sequenceLength)
    {
        if (sequenceLength < 1) throw new InputException($"a persistence forecaster needs a window of at least 1 row, got {sequenceLength}");
        _returnColumn = columns.ToList().IndexOf(ReturnColumn);
        if (_returnColumn < 0)
            throw new InputException($"the persistence forecast reads the column '{ReturnColumn}', which the window [{string.Join(", ", columns)}] lacks: use the v1 or v2 feature set");
        SequenceLength = sequenceLength;
        FeatureCount = columns.Count;
    }

    public const string ReturnColumn = "log_ret_1";

    public int SequenceLength { get; }
    public int FeatureCount { get; }

    public void Predict(ReadOnlySpan<double> windows, Span<Forecast> results)
    {
        var size = SequenceLength * FeatureCount;
        if (windows.Length != results.Length * size)
            throw new ArgumentException($"{windows.Length} values do not make {results.Length} windows of {SequenceLength}×{FeatureCount}");
        for (var i = 0; i < results.Length; i++)
            results[i] = new Forecast(windows[i * size + (SequenceLength - 1) * FeatureCount + _returnColumn], double.NaN);
    }
}
