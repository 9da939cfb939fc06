namespace Fibo.Messages.Serialization;

/// <summary>
/// The stable wire name of an <see cref="IFiboMessage"/> type, e.g. <c>"ingest-candle.v1"</c>. It is written next to every
/// serialized message and every journal event, so it must never change once used: rename the CLR type freely, but a
/// breaking change of the JSON shape gets a new manifest (<c>.v2</c>) and the old type stays readable.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
public sealed class MessageManifestAttribute(string manifest) : Attribute
{
    public string Manifest { get; } = manifest;
}
