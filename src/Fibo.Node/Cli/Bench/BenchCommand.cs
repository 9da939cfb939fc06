using System.CommandLine;

namespace Fibo.Node.Cli.Bench;

/// <summary>
/// <c>fibo bench &lt;suite&gt;</c>: each suite measures our code and its baseline in the same run and prints both and the
/// ratio. Benchmarks are never timed unit tests.
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var bench = new Command("bench", "Measure a part of Fibo against a baseline in the same run (prints both and the ratio)");
        foreach (var suite in Suites()) bench.Subcommands.Add(suite);
        return bench;
    }

    // One line per suite; each suite lives in its own file in this folder.
    private static IEnumerable<Command> Suites()
    {
        yield return StoreBench.Create();
        yield return SynthBench.Create();
        yield return FeaturesBench.Create();
        yield return InferenceBench.Create();
        yield return PipelineBench.Create();
    }
}
