namespace Fibo.Node.Http.Contracts;

/// <summary><c>POST /api/audit</c>: the leakage audit of the dataset pipeline over a series of the candle store.</summary>
public sealed class AuditRequest
{
    public string Series { get; init; } = "";
    public string Set { get; init; } = "v2";
    public int SeqLen { get; init; } = 32;
    public int Horizon { get; init; } = 1;
    public int Permutations { get; init; } = 19;
}

/// <summary>One check with the seed's tag (OK, WARN, N/A) or LEAK when our verdict is a leak.</summary>
public sealed record AuditCheckView(string Name, string Tag, bool Leak, string Message);

public sealed record AuditView(string Series, string Set, int SeqLen, int Horizon, int Rows, int Features, bool LeakFound, IReadOnlyList<AuditCheckView> Checks);
