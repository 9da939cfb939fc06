using Fibo.Messages.Primitives;
using Fibo.Messages.Serialization;

namespace Fibo.Messages.MarketData;

/// <summary>What a series entity did with an <see cref="IngestCandle"/>.</summary>
public enum IngestOutcome
{
    /// <summary>Written to the candle store and durable.</summary>
    Stored,
    /// <summary>Already stored or older than the last processed candle: nothing changed, nothing to redo.</summary>
    Duplicate,
    /// <summary>Invalid for this series (reason given): the ingest stage dead-letters it; nothing was stored.</summary>
    Rejected,
}

/// <summary>
/// The entity's answer to <see cref="IngestCandle"/>. Every outcome is final for that Kafka record: Stored and Duplicate
/// mean the candle is durable, Rejected means it never will be (it goes to the dead-letter table with <see cref="Reason"/>).
/// </summary>
[MessageManifest("candle-ingested.v1")]
public sealed record CandleIngested(SeriesKey Series, long OpenTime, IngestOutcome Outcome, string? Reason = null) : IFiboMessage;
