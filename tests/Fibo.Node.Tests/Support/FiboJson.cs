using System.Text.Json;

namespace Fibo.Node.Tests.Support;

public static class FiboJson
{
    /// <summary>Runs fibo with --json, asserts exit 0 and parses stdout.</summary>
    public static async Task<JsonElement> RunAsync(params string[] args)
    {
        var run = await FiboProcess.RunAsync([.. args, "--json"]);
        Assert.True(run.ExitCode == 0, run.ToString());
        using var doc = JsonDocument.Parse(run.StdOut);
        return doc.RootElement.Clone();
    }

    public static Dictionary<string, long> RowsBySeries(JsonElement info) =>
        info.GetProperty("series").EnumerateArray().ToDictionary(s => s.GetProperty("key").GetString()!, s => s.GetProperty("rows").GetInt64());
}
