namespace Fibo.Messages.MarketData;

/// <summary>Where a record came from in Kafka: for logs, dead letters and dedupe diagnostics.</summary>
public readonly record struct KafkaOffset(string Topic, int Partition, long Offset)
{
    public override string ToString() => $"{Topic}[{Partition}]@{Offset}";
}
