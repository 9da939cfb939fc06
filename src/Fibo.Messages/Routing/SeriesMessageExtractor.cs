using Akka.Cluster.Sharding;

namespace Fibo.Messages.Routing;

/// <summary>
/// Routes <see cref="IWithSeriesKey"/> messages of the <c>candle-series</c> shard type: the entity id is the series key
/// ("ETH_BTC-5m"), the shard a stable MurmurHash of it modulo <see cref="ShardCounts.CandleSeries"/>.
/// </summary>
public sealed class SeriesMessageExtractor() : HashCodeMessageExtractor(ShardCounts.CandleSeries)
{
    /// <summary>The shard type name of the series entities.</summary>
    public const string TypeName = "candle-series";

    public override string? EntityId(object message) => message is IWithSeriesKey m ? m.Series.ToString() : null;
}
