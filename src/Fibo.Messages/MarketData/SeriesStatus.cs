using Fibo.Messages.Primitives;
using Fibo.Messages.Serialization;

namespace Fibo.Messages.MarketData;

/// <summary>
/// A series entity's state for inspection (<c>fibo series show</c>, the dashboard): the last candle it processed, how many
/// candles it has stored, how full its feature window is, and its last forecast (null before the first one). The
/// members after <see cref="ModelVersion"/> were added later with defaults, so older senders stay readable.
/// </summary>
/// <param name="CandlesProcessed">Candles stored by this entity since it started (new and revised).</param>
/// <param name="Duplicates">Candles answered as duplicates (already stored or older than the last one).</param>
/// <param name="Revisions">Candles with the open time of the last one but new values: stored (upsert), never traded again.</param>
/// <param name="Rejected">Candles refused as invalid (dead-lettered by the ingest stage).</param>
/// <param name="Backfilled">Missing candles filled in from the store or a history source when a gap was seen.</param>
/// <param name="Predictions">Forecasts received from the predictor.</param>
/// <param name="Decisions">Candles the policy decided on (hold or order).</param>
/// <param name="Orders">Order intents the executor accepted.</param>
/// <param name="PendingDecisions">Candles waiting for their decision (forecast, executor).</param>
/// <param name="State">"warming-up", "running", "backfilling" or "no-model" (no model loaded: candles are stored, nothing is decided).</param>
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
    string? ModelVersion = null,
    long Duplicates = 0,
    long Revisions = 0,
    long Rejected = 0,
    long Backfilled = 0,
    long Predictions = 0,
    long Decisions = 0,
    long Orders = 0,
    int PendingDecisions = 0,
    string? Account = null,
    decimal PositionQuantity = 0,
    decimal PositionAverageEntryPrice = 0,
    bool PendingOrder = false,
    string? State = null) : IFiboMessage;
