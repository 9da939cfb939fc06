using Fibo.Messages.Primitives;
using Fibo.Messages.Serialization;

namespace Fibo.Messages.MarketData;

/// <summary>
/// Several consecutive candles of one series from Kafka in one message (the batched ingest stage groups the records a
/// poll returned by series): processed in order exactly as that many <see cref="IngestCandle"/>s, and answered with one
/// <see cref="CandlesIngested"/> once every one of them is durable. <see cref="Sources"/> parallels <see cref="Candles"/>.
/// </summary>
[MessageManifest("ingest-candles.v1")]
public sealed record IngestCandles(SeriesKey Series, IReadOnlyList<Candle> Candles, IReadOnlyList<KafkaOffset> Sources) : ISeriesCommand
{
    public bool Equals(IngestCandles? other) =>
        other is not null && Series == other.Series && Candles.SequenceEqual(other.Candles) && Sources.SequenceEqual(other.Sources);

    public override int GetHashCode() => HashCode.Combine(Series, Candles.Count);
}

/// <summary>The answer to <see cref="IngestCandles"/>: one outcome per candle, in the same order, each final for its Kafka record.</summary>
[MessageManifest("candles-ingested.v1")]
public sealed record CandlesIngested(SeriesKey Series, IReadOnlyList<CandleIngested> Outcomes) : IFiboMessage
{
    public bool Equals(CandlesIngested? other) => other is not null && Series == other.Series && Outcomes.SequenceEqual(other.Outcomes);

    public override int GetHashCode() => HashCode.Combine(Series, Outcomes.Count);
}
