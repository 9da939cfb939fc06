using Akka.Cluster.Hosting;
using Akka.Cluster.Sharding;

namespace Fibo.Actors.Hosting;

/// <summary>Shard options shared by every Fibo shard type.</summary>
public static class FiboSharding
{
    /// <summary>
    /// Coordinator state in distributed data (the persistence mode is deprecated after 1.5) and no remember-entities:
    /// entities are woken by their next message (Kafka keeps series entities busy; executors recover from the journal).
    /// </summary>
    /// <param name="role">Only nodes with this role host the entities (<see cref="FiboRoles"/>).</param>
    /// <param name="passivateIdle">False for entities whose in-memory state is expensive to rebuild (the series' feature window).</param>
    public static ShardOptions Options(string role, bool passivateIdle = true) => new()
    {
        StateStoreMode = StateStoreMode.DData,
        RememberEntities = false,
        Role = role,
        ShouldPassivateIdleEntities = passivateIdle,
    };
}
