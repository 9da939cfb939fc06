using Fibo.Messages.MarketData;

namespace Fibo.Actors.Domain.Trading;

/// <summary>
/// The streaming feature state of one series as the decision chain sees it: fed closed candles in open-time order,
/// it says when a full window of <see cref="SequenceLength"/> feature rows ending at the latest candle is ready and
/// copies it out (float64, unscaled: the forecaster owns its scaler). Implemented over the feature engine by an
/// adapter; tests use small deterministic ones.
/// </summary>
public interface IFeatureWindow
{
    int SequenceLength { get; }
    int FeatureCount { get; }

    /// <summary>Feeds the next closed candle; true when a full window ending at it is ready.</summary>
    bool Push(Candle candle);

    /// <summary>
    /// Copies the window of the last <see cref="Push"/> that returned true: <see cref="SequenceLength"/> rows of
    /// <see cref="FeatureCount"/> values, row-major, oldest row first.
    /// </summary>
    void CopyWindowTo(Span<double> destination);
}
