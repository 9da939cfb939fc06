using System.Text.Json;
using Akka.Actor;
using Akka.Serialization;
using SerializationException = System.Runtime.Serialization.SerializationException;

namespace Fibo.Messages.Serialization;

/// <summary>
/// The serializer for every <see cref="IFiboMessage"/> (remoting, sharding and the journal): System.Text.Json with the
/// short, versioned manifest from <see cref="MessageManifestAttribute"/>. Bound to <see cref="IFiboMessage"/> by
/// <c>WithFiboSerialization()</c>; with strict serialization on, a message type outside the binding throws.
/// </summary>
public sealed class FiboSerializer : SerializerWithStringManifest
{
    /// <summary>Akka reserves 0–100; this id is written next to every stored event, so it never changes.</summary>
    public const int Id = 1701;

    private readonly MessageManifests _manifests;
    private readonly JsonSerializerOptions _options;

    public FiboSerializer(ExtendedActorSystem system) : this(system, new MessageManifests()) { }

    public FiboSerializer(ExtendedActorSystem system, MessageManifests manifests) : base(system)
    {
        _manifests = manifests;
        _options = FiboJson.CreateOptions(system);
    }

    public override int Identifier => Id;

    public MessageManifests Manifests => _manifests;

    public override string Manifest(object o) =>
        _manifests.TryGetManifest(o.GetType(), out var manifest)
            ? manifest
            : throw new SerializationException(
                $"{o.GetType().FullName} is not a registered Fibo message: it must implement IFiboMessage, carry " +
                "[MessageManifest] and live in an assembly given to WithFiboSerialization()");

    public override byte[] ToBinary(object obj)
    {
        Manifest(obj); // fails with a clear message for an unregistered type
        return JsonSerializer.SerializeToUtf8Bytes(obj, obj.GetType(), _options);
    }

    public override object FromBinary(byte[] bytes, string manifest)
    {
        if (!_manifests.TryGetType(manifest, out var type))
            throw new SerializationException($"unknown Fibo message manifest '{manifest}': this node is older than the sender or the journal");
        return JsonSerializer.Deserialize(bytes, type, _options)
               ?? throw new SerializationException($"message '{manifest}' deserialized to null");
    }
}
