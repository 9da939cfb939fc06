namespace Fibo.Node.Cli.Inspect;

/// <summary>A node could not be reached, or answered with an error: the inspection verbs print it as one ERROR line.</summary>
internal sealed class NodeRequestException(string message, bool unreachable) : Exception(message)
{
    /// <summary>True when no answer came at all (nothing listening, DNS, timeout), false when the node answered an error.</summary>
    public bool Unreachable { get; } = unreachable;
}
