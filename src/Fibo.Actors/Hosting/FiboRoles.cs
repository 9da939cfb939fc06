namespace Fibo.Actors.Hosting;

/// <summary>Cluster roles: one image, the role set picked by configuration (<c>Fibo:Node:Roles</c>).</summary>
public static class FiboRoles
{
    /// <summary>Consumes Kafka and feeds the series entities.</summary>
    public const string Ingest = "ingest";

    /// <summary>Hosts the <c>candle-series</c> entities and the predictor.</summary>
    public const string Compute = "compute";

    /// <summary>Hosts the <c>order-executor</c> entities and the ledger.</summary>
    public const string Trading = "trading";

    public static readonly IReadOnlyList<string> All = [Ingest, Compute, Trading];
}
