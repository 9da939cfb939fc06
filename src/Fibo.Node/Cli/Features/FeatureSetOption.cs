using System.CommandLine;
using Fibo.Actors.Domain.Features;

namespace Fibo.Node.Cli.Features;

internal static class FeatureSetOption
{
    public static Option<string> Create() => new("--set")
    {
        Description = $"Feature set: {string.Join(" or ", FeatureRegistry.All.Select(s => s.Name))} (default {FeatureRegistry.Default.Name})",
        DefaultValueFactory = _ => FeatureRegistry.Default.Name,
    };
}
