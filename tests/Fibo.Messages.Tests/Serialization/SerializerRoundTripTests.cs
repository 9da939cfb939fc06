using System.Text;
using Akka.Actor;
using Fibo.Messages.Serialization;
using Fibo.Messages.Tests.Support;

namespace Fibo.Messages.Tests.Serialization;

/// <summary>
/// Every <see cref="IFiboMessage"/> in Fibo.Messages, found by reflection, survives the serializer with every field intact.
/// A new message type is covered without editing this test (sample values are built from its constructor).
/// </summary>
public sealed class SerializerRoundTripTests : IDisposable
{
    private readonly ActorSystem _system = ActorSystem.Create("roundtrip", "akka.loglevel = WARNING");
    private readonly FiboSerializer _serializer;
    private readonly SampleValues _samples;

    public SerializerRoundTripTests()
    {
        _serializer = new FiboSerializer((ExtendedActorSystem)_system);
        var probeActor = _system.ActorOf(Props.Empty, "sample-target");
        _samples = new SampleValues(probeActor);
    }

    public static TheoryData<string> MessageTypes()
    {
        var data = new TheoryData<string>();
        foreach (var t in MessageManifests.MessageTypesIn(typeof(IFiboMessage).Assembly)) data.Add(t.FullName!);
        return data;
    }

    [Theory]
    [MemberData(nameof(MessageTypes))]
    public void Message_round_trips_with_every_field(string typeName)
    {
        var type = typeof(IFiboMessage).Assembly.GetType(typeName, throwOnError: true)!;
        var original = _samples.Create(type);

        var manifest = _serializer.Manifest(original);
        var bytes = _serializer.ToBinary(original);
        var copy = _serializer.FromBinary(bytes, manifest);

        Assert.IsType(type, copy);
        DeepEquality.AssertEqual(original, copy);
        Assert.Equal(Encoding.UTF8.GetString(bytes), Encoding.UTF8.GetString(_serializer.ToBinary(copy)));
    }

    [Fact]
    public void Fibo_messages_assembly_declares_messages()
    {
        // Guards the theory above against silently running over nothing.
        Assert.NotEmpty(MessageManifests.MessageTypesIn(typeof(IFiboMessage).Assembly));
    }

    public void Dispose() => _system.Terminate().Wait(TimeSpan.FromSeconds(10));
}
