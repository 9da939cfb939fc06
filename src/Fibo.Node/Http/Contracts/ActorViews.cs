namespace Fibo.Node.Http.Contracts;

/// <summary>An actor found by <c>Identify</c> and, down to the requested depth, its children (<see cref="Truncated"/> when some were left out).</summary>
public sealed record ActorNodeView(string Path, string Name, IReadOnlyList<ActorNodeView> Children, bool Truncated = false);
