using Fibo.Messages.Primitives;
using Fibo.Messages.Serialization;

namespace Fibo.Messages.MarketData;

/// <summary>
/// A series entity's state for inspection (<c>fibo series show</c>): the last candle it processed, how many candles it
/// has stored, how full its feature window is, and its last forecast (null before the first one).
/// </summary>
[MessageManifest("series-status.v1")]
public sealed record SeriesStatus(
    SeriesKey Series,
    Candle? LastCandle,
    long CandlesProcessed,
    int WindowFill,
    int WindowSize,
    long? LastPredictionOpenTime = null,
    double? LastPredictedReturn = null,
    double? LastPredictedVolatility = null,
    string? ModelVersion = null) : IFiboMessage;
