using Akka.Cluster.Sharding;
using Fibo.Messages.Trading;

namespace Fibo.Messages.Routing;

/// <summary>
/// Routes messages of the <c>order-executor</c> shard type: the entity id is the account ("paper-1"), taken from
/// <see cref="IWithAccount"/> or from a ledger command (<see cref="ILedgerCommand"/>, e.g. an operator's
/// <see cref="HaltTrading"/>), the shard a stable MurmurHash of it modulo <see cref="ShardCounts.OrderExecutor"/>.
/// </summary>
public sealed class AccountMessageExtractor() : HashCodeMessageExtractor(ShardCounts.OrderExecutor)
{
    /// <summary>The shard type name of the order executors.</summary>
    public const string TypeName = "order-executor";

    public override string? EntityId(object message) => message switch
    {
        IWithAccount m => m.Account,
        ILedgerCommand c => c.Account,
        _ => null,
    };
}
