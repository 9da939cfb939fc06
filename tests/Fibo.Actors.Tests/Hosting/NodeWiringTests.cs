using Akka.Actor;
using Akka.Cluster;
using Fibo.Actors.Hosting;
using Fibo.Actors.Hosting.Options;
using Fibo.Actors.Tests.Support;
using Fibo.Messages.MarketData;
using Fibo.Messages.Primitives;
using Fibo.Messages.Serialization;

namespace Fibo.Actors.Tests.Hosting;

/// <summary>What <see cref="FiboNodeHosting.WithFiboNode"/> configures, read back from a started node.</summary>
public sealed class NodeWiringTests
{
    private sealed record NotAFiboMessage(int X);

    [Fact]
    public async Task Node_is_a_cluster_of_one_with_keep_majority_strict_serialization_serilog_and_sqlite_single_writer()
    {
        using var dir = new TempDirectory();
        var options = FiboTestHost.Options(o =>
        {
            o.Persistence.ConnectionString = $"Data Source={dir.File("j.db")}";
            o.Persistence.SnapshotConnectionString = $"Data Source={dir.File("s.db")}";
            o.Node.Roles = [FiboRoles.Compute, FiboRoles.Ingest];
            o.Node.StableAfterMs = 4_321;
            o.Node.HeartbeatIntervalMs = 600;
            o.Node.AcceptableHeartbeatPauseMs = 2_400;
            o.Node.ShardHandOffTimeoutMs = 12_000;
            o.Node.MaximumFrameBytes = 2_000_000;
        });
        await using var host = await FiboTestHost.StartAsync(options);
        var system = host.System;
        var config = system.Settings.Config;

        // Cluster of one: the node joins itself and comes Up with its roles.
        var cluster = Cluster.Get(system);
        var up = new TaskCompletionSource();
        cluster.RegisterOnMemberUp(() => up.TrySetResult());
        await up.Task.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Contains(FiboRoles.Compute, cluster.SelfRoles);
        Assert.Contains(FiboRoles.Ingest, cluster.SelfRoles);
        Assert.DoesNotContain(FiboRoles.Trading, cluster.SelfRoles);

        Assert.Equal("keep-majority", config.GetString("akka.cluster.split-brain-resolver.active-strategy"));
        Assert.Contains("SplitBrainResolverProvider", config.GetString("akka.cluster.downing-provider-class"));
        // Fibo:Node's timings are the ones in force (over Akka.Hosting's and Akka's defaults).
        Assert.Equal(TimeSpan.FromMilliseconds(4_321), config.GetTimeSpan("akka.cluster.split-brain-resolver.stable-after"));
        Assert.Equal(TimeSpan.FromMilliseconds(600), config.GetTimeSpan("akka.cluster.failure-detector.heartbeat-interval"));
        Assert.Equal(TimeSpan.FromMilliseconds(2_400), config.GetTimeSpan("akka.cluster.failure-detector.acceptable-heartbeat-pause"));
        Assert.Equal(TimeSpan.FromSeconds(12), config.GetTimeSpan("akka.cluster.sharding.handoff-timeout"));
        Assert.Equal(2_000_000, config.GetByteSize("akka.remote.dot-netty.tcp.maximum-frame-size"));

        // Strict serialization: Fibo messages use the Fibo serializer; anything unbound throws.
        var serialization = system.Serialization;
        var ingest = new IngestCandle(SeriesKey.Parse("ETH_BTC-5m"), Candle.Closed(0, 1, 2, 0.5, 1.5, 3, 300_000));
        Assert.Equal(FiboSerializer.Id, serialization.FindSerializerFor(ingest).Identifier);
        Assert.ThrowsAny<Exception>(() => serialization.FindSerializerFor(new NotAFiboMessage(1)));

        Assert.Contains("SerilogLogger", string.Join(",", config.GetStringList("akka.loggers")));
        Assert.Equal(1, config.GetInt("akka.persistence.journal.sql.parallelism"));
        Assert.Equal("SQLite.MS", config.GetString("akka.persistence.journal.sql.provider-name"));

        // The inference dispatcher exists with a dedicated pool.
        Assert.Equal(options.Models.InferenceThreads, config.GetInt($"{DispatcherHosting.InferenceDispatcher}.dedicated-thread-pool.thread-count"));
        var echo = system.ActorOf(Props.Create(() => new EchoThreadActor()).WithDispatcher(DispatcherHosting.InferenceDispatcher));
        var threadName = await echo.Ask<string>("which", TimeSpan.FromSeconds(5));
        Assert.Contains(DispatcherHosting.InferenceDispatcher, threadName);
    }

    private sealed class EchoThreadActor : ReceiveActor
    {
        public EchoThreadActor() => Receive<string>(_ => Sender.Tell(Thread.CurrentThread.Name ?? "(unnamed)"));
    }
}
