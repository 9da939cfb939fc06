using Fibo.Messages.Primitives;
using Fibo.Messages.Serialization;

namespace Fibo.Messages.MarketData;

/// <summary>
/// A candle for a series entity to validate, dedupe and store. The entity answers <see cref="CandleIngested"/> only after
/// the candle's effect is durable (stored, or known to be already stored), because the Kafka offset is committed on
/// that answer. <see cref="Source"/> is set when the candle came from Kafka.
/// </summary>
[MessageManifest("ingest-candle.v1")]
public sealed record IngestCandle(SeriesKey Series, Candle Candle, KafkaOffset? Source = null) : ISeriesCommand;
