using Fibo.Actors.Domain.Features;

namespace Fibo.Actors.Domain.Prediction;

/// <summary>The ordered feature column list a model was trained on: its hash and the exact-match rule (SEED-SPEC §12 B.10, §13.6).</summary>
public static class FeatureSchema
{
    /// <summary>The feature registry's schema hash (SHA-256 of the ordered names), so a model's hash equals its feature set's.</summary>
    public static string Hash(IEnumerable<string> orderedNames) => FeatureSet.ComputeSchemaHash(orderedNames);

    /// <summary>
    /// Fails unless <paramref name="actual"/> is exactly <paramref name="expected"/>, in order: a model is fed its own
    /// columns or nothing. The message says what is missing, what is extra, or where the order differs.
    /// </summary>
    public static void RequireSameOrder(IReadOnlyList<string> expected, IReadOnlyList<string> actual, string context)
    {
        if (expected.SequenceEqual(actual, StringComparer.Ordinal)) return;
        var missing = expected.Except(actual, StringComparer.Ordinal).ToList();
        var extra = actual.Except(expected, StringComparer.Ordinal).ToList();
        string detail;
        if (missing.Count == 0 && extra.Count == 0 && expected.Count == actual.Count)
        {
            var i = 0;
            while (expected[i] == actual[i]) i++;
            detail = $"same {expected.Count} names in a different order (first difference at position {i}: '{expected[i]}' vs '{actual[i]}')";
        }
        else detail = $"missing: [{string.Join(", ", missing)}]; extra: [{string.Join(", ", extra)}]";
        throw new InputException($"{context}: feature mismatch ({expected.Count} expected, {actual.Count} found): {detail}");
    }
}
