using System.Text.RegularExpressions;
using Akka.Actor;
using Fibo.Messages.MarketData;
using Fibo.Messages.Primitives;
using Fibo.Messages.Serialization;
using SerializationException = System.Runtime.Serialization.SerializationException;

namespace Fibo.Messages.Tests.Serialization;

public sealed partial class ManifestTests : IDisposable
{
    private readonly ActorSystem _system = ActorSystem.Create("manifests", "akka.loglevel = WARNING");

    [Fact]
    public void Every_message_type_has_a_unique_well_formed_manifest()
    {
        var manifests = new MessageManifests();
        var types = MessageManifests.MessageTypesIn(typeof(IFiboMessage).Assembly).ToList();
        Assert.Equal(types.Count, manifests.Types.Count);
        var names = types.Select(t => manifests.TryGetManifest(t, out var m) ? m : throw new Xunit.Sdk.XunitException($"{t} has no manifest")).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        foreach (var name in names) Assert.Matches(ManifestPattern(), name);
    }

    /// <summary>
    /// Manifests written to journals must stay readable: every manifest ever shipped is listed in TestData/manifests.txt
    /// (add new ones there; never remove one).
    /// </summary>
    [Fact]
    public void Shipped_manifests_are_still_known()
    {
        var manifests = new MessageManifests();
        var shipped = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "TestData", "manifests.txt"))
            .Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        Assert.NotEmpty(shipped);
        var lost = shipped.Where(m => !manifests.TryGetType(m, out _)).ToList();
        Assert.True(lost.Count == 0, $"manifests no longer known (journals holding them could not be read): {string.Join(", ", lost)}");
    }

    [Fact]
    public void A_type_without_manifest_fails_the_registry_with_its_name()
    {
        var e = Assert.Throws<InvalidOperationException>(() => new MessageManifests([typeof(ManifestTests).Assembly]));
        Assert.Contains(nameof(MessageWithoutManifest), e.Message);
    }

    [Fact]
    public void Unknown_manifest_and_unregistered_type_throw_serialization_errors()
    {
        var serializer = new FiboSerializer((ExtendedActorSystem)_system);
        var e = Assert.Throws<SerializationException>(() => serializer.FromBinary("{}"u8.ToArray(), "no-such-thing.v1"));
        Assert.Contains("no-such-thing.v1", e.Message);
        Assert.Throws<SerializationException>(() => serializer.ToBinary(new { Hello = 1 }));
    }

    [Fact]
    public void Json_shape_uses_strings_for_keys_and_numbers_for_values()
    {
        var serializer = new FiboSerializer((ExtendedActorSystem)_system);
        var candle = new Candle(1_700_000_000_000, 0.05, 0.06, 0.04, double.NaN, 10, 1_700_000_299_999);
        var msg = new IngestCandle(SeriesKey.Parse("ETH_BTC-5m"), candle, new KafkaOffset("fibo.candles", 3, 42));
        var json = System.Text.Encoding.UTF8.GetString(serializer.ToBinary(msg));
        Assert.Contains("\"series\":\"ETH_BTC-5m\"", json);
        Assert.Contains("\"openTime\":1700000000000", json);
        Assert.Contains("\"close\":\"NaN\"", json);
        var back = (IngestCandle)serializer.FromBinary(System.Text.Encoding.UTF8.GetBytes(json), serializer.Manifest(msg));
        Assert.True(double.IsNaN(back.Candle.Close));
        Assert.Equal(msg.Source, back.Source);
    }

    [Fact]
    public void Missing_required_field_is_an_error_not_a_default()
    {
        var serializer = new FiboSerializer((ExtendedActorSystem)_system);
        Assert.ThrowsAny<Exception>(() => serializer.FromBinary("{\"openTime\":1,\"outcome\":\"Stored\"}"u8.ToArray(), "candle-ingested.v1"));
    }

    [GeneratedRegex(@"^[a-z][a-z0-9]*(-[a-z0-9]+)*\.v[1-9][0-9]*$")]
    private static partial Regex ManifestPattern();

    public void Dispose() => _system.Terminate().Wait(TimeSpan.FromSeconds(10));
}

/// <summary>Deliberately broken: a message without a manifest, to prove the registry refuses it.</summary>
public sealed record MessageWithoutManifest(int Value) : IFiboMessage;
