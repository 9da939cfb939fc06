using System.Reflection;
using System.Runtime.InteropServices;
using Confluent.Kafka;

namespace Fibo.Actors.Infrastructure.Kafka;

/// <summary>
/// The few functions of librdkafka's mock-cluster API that Confluent.Kafka does not wrap (rdkafka_mock.h). The mock
/// cluster does not implement the CreateTopics request (its handlers cover produce, fetch, metadata, offsets and groups
/// only), so topics with a chosen partition count are made through <c>rd_kafka_mock_topic_create</c>.
/// Calls go into the very librdkafka that Confluent.Kafka loaded (found in the process's memory map).
/// </summary>
internal static class LibrdkafkaMock
{
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate IntPtr HandleMockCluster(IntPtr rk);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate IntPtr ClusterBootstraps(IntPtr mcluster);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int TopicCreate(IntPtr mcluster, [MarshalAs(UnmanagedType.LPUTF8Str)] string topic, int partitions, int replicationFactor);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate void GroupInitialRebalanceDelay(IntPtr mcluster, int delayMs);

    private static readonly Lazy<IntPtr> Library = new(LoadLibrary);

    /// <summary>The mock cluster owned by a client created with <c>test.mock.num.brokers</c>.</summary>
    public static IntPtr MockClusterOf(IClient client)
    {
        var mcluster = Function<HandleMockCluster>("rd_kafka_handle_mock_cluster")(NativeHandle(client));
        return mcluster != IntPtr.Zero
            ? mcluster
            : throw new InvalidOperationException("the Kafka client has no mock cluster (it was created without test.mock.num.brokers)");
    }

    public static string Bootstraps(IntPtr mcluster) =>
        Marshal.PtrToStringUTF8(Function<ClusterBootstraps>("rd_kafka_mock_cluster_bootstraps")(mcluster))
        ?? throw new InvalidOperationException("the mock cluster returned no bootstrap address");

    /// <returns>The librdkafka error code (0 = created).</returns>
    public static ErrorCode CreateTopic(IntPtr mcluster, string topic, int partitions, int replicationFactor) =>
        (ErrorCode)Function<TopicCreate>("rd_kafka_mock_topic_create")(mcluster, topic, partitions, replicationFactor);

    public static void SetGroupInitialRebalanceDelay(IntPtr mcluster, int delayMs) =>
        Function<GroupInitialRebalanceDelay>("rd_kafka_mock_group_initial_rebalance_delay_ms")(mcluster, delayMs);

    private static T Function<T>(string name) where T : Delegate =>
        Marshal.GetDelegateForFunctionPointer<T>(NativeLibrary.GetExport(Library.Value, name));

    // Confluent.Kafka keeps the rd_kafka_t handle internal (Handle.LibrdkafkaHandle, a SafeHandle).
    private static IntPtr NativeHandle(IClient client)
    {
        var property = client.Handle.GetType().GetProperty("LibrdkafkaHandle", BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public)
                       ?? throw new InvalidOperationException("this Confluent.Kafka version has no Handle.LibrdkafkaHandle; update LibrdkafkaMock");
        var safeHandle = (SafeHandle)property.GetValue(client.Handle)!;
        return safeHandle.DangerousGetHandle();
    }

    private static IntPtr LoadLibrary()
    {
        // Confluent.Kafka picks one of several builds (librdkafka.so, centos8-librdkafka.so, ...) at run time: use the one
        // already mapped into this process so the mock cluster and the clients share one library instance.
        const string maps = "/proc/self/maps";
        if (File.Exists(maps))
        {
            var path = File.ReadLines(maps)
                .Select(line => line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries))
                .Where(parts => parts.Length == 6 && parts[5].Contains("librdkafka", StringComparison.Ordinal))
                .Select(parts => parts[5].Trim())
                .FirstOrDefault();
            if (path is not null) return NativeLibrary.Load(path);
        }
        if (NativeLibrary.TryLoad("librdkafka", typeof(IClient).Assembly, null, out var handle)) return handle;
        throw new PlatformNotSupportedException(
            "could not find the librdkafka that Confluent.Kafka loaded; the embedded Kafka needs Linux (or set Fibo:Kafka:BootstrapServers to a real broker)");
    }
}
