using System.Reflection;
using Akka.Actor;
using Akka.Hosting;
using Fibo.Messages.Serialization;

namespace Fibo.Actors.Hosting;

public static class SerializationHosting
{
    /// <summary>The serializer alias in <c>akka.actor.serializers</c>.</summary>
    public const string SerializerName = "fibo";

    /// <summary>
    /// Binds <see cref="FiboSerializer"/> to <see cref="IFiboMessage"/> and turns on strict serialization: a message type
    /// with no explicit binding throws instead of silently falling back to Newtonsoft JSON. Message types from assemblies
    /// other than Fibo.Messages (e.g. a test's) are registered through <paramref name="extraMessageAssemblies"/>.
    /// </summary>
    public static AkkaConfigurationBuilder WithFiboSerialization(this AkkaConfigurationBuilder builder, params Assembly[] extraMessageAssemblies)
    {
        var manifests = new MessageManifests(extraMessageAssemblies); // fails at start for a message without a manifest
        return builder
            .WithCustomSerializer(SerializerName, [typeof(IFiboMessage)], system => new FiboSerializer(system, manifests))
            .WithStrictSerialization();
    }
}
