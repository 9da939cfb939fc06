namespace Fibo.Actors.Domain.Audit;

/// <summary>The seed's audit tags: OK (ok True), WARN (ok False), N/A (None).</summary>
public enum AuditStatus { Ok, Warn, NotApplicable }

/// <summary>
/// One audit check. <see cref="Status"/> follows the seed's rule and thresholds; <see cref="Leak"/> is our verdict
/// (a WARN is not always a leak: e.g. v1's price levels correlate with the future close because they correlate with
/// the present one).
/// </summary>
public sealed record AuditCheck(string Name, AuditStatus Status, bool Leak, string Message, object? Details = null);

/// <summary>The seed's summary line.</summary>
public sealed record AuditSummary(int NFeatures, int NRows, int SeqLen, int Horizon, bool ScalerPresent);

public sealed record AuditReport(IReadOnlyList<AuditCheck> Checks, AuditSummary Summary)
{
    /// <summary>True when any check found a leak (the CLI exits non-zero).</summary>
    public bool LeakFound => Checks.Any(c => c.Leak);

    public string ToText()
    {
        var lines = new List<string>();
        foreach (var c in Checks)
        {
            string tag = c.Leak ? "LEAK" : c.Status switch { AuditStatus.Ok => "OK", AuditStatus.Warn => "WARN", _ => "N/A" };
            lines.Add($"[{tag,-4}] {c.Name}: {c.Message}");
        }
        lines.Add($"summary: {Summary.NFeatures} features, {Summary.NRows} rows, seq_len {Summary.SeqLen}, horizon {Summary.Horizon}, scaler {(Summary.ScalerPresent ? "present" : "absent")}");
        lines.Add(LeakFound ? "verdict: LEAK FOUND" : "verdict: no leak found");
        return string.Join(Environment.NewLine, lines);
    }
}
