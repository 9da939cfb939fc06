using System.Text.Json;

namespace Fibo.Actors.Tests.Support;

/// <summary>The seed's model metas (copied from the original project's artifacts into TestData).</summary>
public static class SeedMeta
{
    public static string Path(string set) => System.IO.Path.Combine(AppContext.BaseDirectory, "TestData", "seed-artifacts", set, "meta.json");

    public static string[] FeatureCols(string set)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path(set)));
        return doc.RootElement.GetProperty("feature_cols").EnumerateArray().Select(e => e.GetString()!).ToArray();
    }
}
