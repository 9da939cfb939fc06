using System.Security.Cryptography;
using System.Text;

namespace Fibo.Actors.Domain.Prediction;

/// <summary>The ordered feature column list a model was trained on, and its hash (SEED-SPEC §13.6).</summary>
public static class FeatureSchema
{
    /// <summary>"sha256:" + hex of the UTF-8 names joined by '\n': any change of a name or of the order changes it.</summary>
    public static string Hash(IEnumerable<string> orderedNames) =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', orderedNames))));
}
