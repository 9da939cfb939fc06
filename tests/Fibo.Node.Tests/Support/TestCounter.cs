using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Hosting;
using Akka.Cluster.Hosting;
using Fibo.Actors.Hosting;
using Fibo.Messages.Serialization;
using Microsoft.Extensions.DependencyInjection;

namespace Fibo.Node.Tests.Support;

/// <summary>Counts the messages it gets; replies with the count.</summary>
[MessageManifest("test-count-up.v1")]
public sealed record CountUp(string Id) : IFiboMessage;

/// <summary>
/// A tiny sharded entity type (<see cref="TypeName"/>) so the sharding endpoints and verbs are driven through a real
/// region, coordinator and shards with known entities.
/// </summary>
public sealed class TestCounter : ReceiveActor
{
    public const string TypeName = "test-counter";

    private int _count;

    public TestCounter() => Receive<CountUp>(_ => Sender.Tell(++_count));

    public static void AddRegion(AkkaConfigurationBuilder builder) =>
        builder.WithShardRegion<TestCounter>(TypeName, _ => Props.Create(() => new TestCounter()),
            HashCodeMessageExtractor.Create(10, m => (m as CountUp)?.Id!, m => m), FiboSharding.Options(FiboRoles.Compute));

    /// <summary>Wakes the entities: one message each, through the region.</summary>
    public static async Task TouchAsync(IServiceProvider services, params string[] ids)
    {
        var region = services.GetRequiredService<ActorRegistry>().Get<TestCounter>();
        foreach (var id in ids) await region.Ask<int>(new CountUp(id), TimeSpan.FromSeconds(10));
    }
}
