using System.Collections.Frozen;
using System.Reflection;

namespace Fibo.Messages.Serialization;

/// <summary>
/// The two-way map manifest ↔ type for every concrete <see cref="IFiboMessage"/> in the given assemblies (always including
/// Fibo.Messages). Built once at start: a message type without <see cref="MessageManifestAttribute"/> or a manifest used
/// twice is a programming error and fails the start with a message naming the types.
/// </summary>
public sealed class MessageManifests
{
    private readonly FrozenDictionary<string, Type> _byManifest;
    private readonly FrozenDictionary<Type, string> _byType;

    public MessageManifests(IEnumerable<Assembly>? extraAssemblies = null)
    {
        var assemblies = new[] { typeof(IFiboMessage).Assembly }.Concat(extraAssemblies ?? []).Distinct();
        var types = assemblies.SelectMany(MessageTypesIn).Distinct().ToList();

        var missing = types.Where(t => t.GetCustomAttribute<MessageManifestAttribute>() is null).Select(t => t.FullName).ToList();
        if (missing.Count > 0)
            throw new InvalidOperationException(
                $"IFiboMessage types without [MessageManifest(\"name.v1\")]: {string.Join(", ", missing)}. Add the attribute with a new, unique manifest.");

        var pairs = types.Select(t => (Type: t, Manifest: t.GetCustomAttribute<MessageManifestAttribute>()!.Manifest)).ToList();
        var blank = pairs.Where(p => string.IsNullOrWhiteSpace(p.Manifest)).Select(p => p.Type.FullName).ToList();
        if (blank.Count > 0)
            throw new InvalidOperationException($"IFiboMessage types with an empty manifest: {string.Join(", ", blank)}");
        var duplicates = pairs.GroupBy(p => p.Manifest, StringComparer.Ordinal).Where(g => g.Count() > 1)
            .Select(g => $"'{g.Key}' on {string.Join(" and ", g.Select(p => p.Type.FullName))}").ToList();
        if (duplicates.Count > 0)
            throw new InvalidOperationException($"duplicate message manifests: {string.Join("; ", duplicates)}. Each message type needs its own.");

        _byManifest = pairs.ToFrozenDictionary(p => p.Manifest, p => p.Type, StringComparer.Ordinal);
        _byType = pairs.ToFrozenDictionary(p => p.Type, p => p.Manifest);
    }

    /// <summary>Every registered message type.</summary>
    public IReadOnlyCollection<Type> Types => _byType.Keys;

    public bool TryGetManifest(Type type, out string manifest) => _byType.TryGetValue(type, out manifest!);

    public bool TryGetType(string manifest, out Type type) => _byManifest.TryGetValue(manifest, out type!);

    /// <summary>The concrete message types declared in an assembly (what the serializer must be able to handle).</summary>
    public static IEnumerable<Type> MessageTypesIn(Assembly assembly) =>
        assembly.GetTypes().Where(t => typeof(IFiboMessage).IsAssignableFrom(t)
                                       && t is { IsInterface: false, IsAbstract: false, ContainsGenericParameters: false });
}
