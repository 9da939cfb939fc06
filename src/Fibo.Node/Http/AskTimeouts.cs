namespace Fibo.Node.Http;

/// <summary>How long the API waits for an actor: every server-side Ask has this bound, as pbm's commands do.</summary>
public static class AskTimeouts
{
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(5);

    /// <summary>For a request that itself gathers answers with a timeout (cluster sharding stats): a little less, so ours fires last.</summary>
    public static readonly TimeSpan Inner = TimeSpan.FromSeconds(4);
}
