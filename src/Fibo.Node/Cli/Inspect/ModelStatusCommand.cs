using System.CommandLine;
using Fibo.Node.Http.Contracts;

namespace Fibo.Node.Cli.Inspect;

/// <summary>
/// <c>fibo [NODE] model status</c>: the model registry a running node serves (its promoted version first), as opposed
/// to <c>fibo model list</c>, which reads a registry directory on this machine.
/// </summary>
internal static class ModelStatusCommand
{
    public static Command Create()
    {
        var command = new Command("status", "The registry of a running node: promoted version, then every version with its test metrics vs the naive baselines");
        InspectAction.Set(command, (_, node, ct) => node.GetAsync("api/models", ct), body =>
        {
            var view = NodeClient.Read<ModelRegistryView>(body);
            PbmLines.Write("registry", view.Directory, $"promoted: {view.Promoted ?? "none"}", $"versions: {view.Versions.Count}");
            foreach (var v in view.Versions) PbmLines.Write(Line(v));
        });
        return command;
    }

    internal static string[] Line(ModelVersionView v)
    {
        if (v.Error is { } error) return [v.Version, v.Promoted ? "promoted" : "", $"unreadable: {error}"];
        var metric = v.Metrics is { Count: > 0 } m ? m[0] : null;
        return
        [
            v.Version,
            v.Promoted ? "promoted" : "",
            v.Series ?? "-",
            $"{v.ModelType} {v.FeatureSet}",
            $"seq {v.SeqLen} h {string.Join(",", v.Horizons ?? [])}",
            $"epochs {v.EpochsRun?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}",
            metric is null
                ? "no test metrics"
                : $"rmse {PbmLines.Number(metric.Model.Rmse, "G4")} vs zero {PbmLines.Number(metric.ZeroReturn.Rmse, "G4")} vs last {PbmLines.Number(metric.LastReturn.Rmse, "G4")}",
            v.BeatsBaselines switch { true => "beats baselines", false => "does not beat baselines", null => "-" },
        ];
    }
}
