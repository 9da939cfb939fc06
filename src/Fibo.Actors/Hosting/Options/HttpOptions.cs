namespace Fibo.Actors.Hosting.Options;

/// <summary>Section <c>Fibo:Http</c>: the node's inspection API and dashboard.</summary>
public sealed class HttpOptions
{
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>0 picks a free port.</summary>
    public int Port { get; set; } = 8080;
}
