namespace Fibo.Messages.Serialization;

/// <summary>Marker for every type that crosses the wire or the journal; the Fibo serializer is bound to it.</summary>
public interface IFiboMessage;
