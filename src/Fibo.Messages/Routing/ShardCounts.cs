namespace Fibo.Messages.Routing;

/// <summary>
/// Shard counts per sharded entity type. Rule of thumb: max nodes that will ever host the type × 10, so shards can be
/// spread evenly when nodes join. The region and every proxy must use the same count, and changing it moves every
/// entity: it is part of the wire contract.
/// </summary>
public static class ShardCounts
{
    /// <summary><c>candle-series</c>: up to 10 compute nodes × 10.</summary>
    public const int CandleSeries = 100;

    /// <summary><c>order-executor</c>: accounts are few and each executor is one journal writer; up to 3 trading nodes × 10.</summary>
    public const int OrderExecutor = 30;
}
