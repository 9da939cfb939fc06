using System.CommandLine;
using System.Globalization;
using Fibo.Actors.Domain.Features;
using Fibo.Actors.Infrastructure.Models;
using Spectre.Console;

namespace Fibo.Node.Cli.Models;

/// <summary><c>fibo model list | show | promote | import-python</c>: the model registry.</summary>
internal static class ModelCommand
{
    public static Command Create()
    {
        var model = new Command("model", "The model registry: list, show and promote versions; import the original Python artifacts");
        model.Subcommands.Add(List());
        model.Subcommands.Add(Show());
        model.Subcommands.Add(Promote());
        model.Subcommands.Add(ImportPython());
        model.Subcommands.Add(Inspect.ModelStatusCommand.Create()); // asks a running node (fibo NODE model status)
        return model;
    }

    private static Command List()
    {
        var command = new Command("list", "List the versions in a registry (oldest first; * = promoted)");
        var models = ModelLocation.RegistryOption();
        command.Options.Add(models);
        CliAction.Set(command, (parse, _) =>
        {
            var registry = new ModelRegistry(parse.GetValue(models)!);
            var versions = registry.List();
            if (parse.GetValue(CliOptions.Json))
            {
                CliConsole.WriteJson(versions.Select(v => new { v.Version, v.Directory, v.Promoted, v.Series, v.Error, v.Meta }));
                return Task.FromResult(0);
            }
            if (versions.Count == 0)
            {
                CliConsole.Out.WriteLine($"no models in {registry.Root}");
                return Task.FromResult(0);
            }
            var table = new Table().AddColumn("").AddColumn("version").AddColumn("type").AddColumn("series").AddColumn("set")
                .AddColumn("seq/h").AddColumn("H×L").AddColumn("test RMSE model/zero");
            foreach (var v in versions)
            {
                var m = v.Meta;
                if (m is null)
                {
                    table.AddRow(v.Promoted ? "*" : "", Markup.Escape(v.Version), "[red]unreadable[/]", Markup.Escape(v.Error ?? ""), "", "", "", "");
                    continue;
                }
                var eval = m.Metrics?.FirstOrDefault(e => e.Horizon == m.Horizon);
                table.AddRow(v.Promoted ? "*" : "", Markup.Escape(v.Version), m.ModelType == "LSTM2Head" ? "2head" : "multi", Markup.Escape(v.Series ?? "-"),
                    Markup.Escape(m.FeatureSet ?? "?"), $"{m.SeqLen}/{m.Horizon}", $"{m.Hidden}×{m.NumLayers}",
                    eval is null ? "-" : $"{eval.Model.Rmse.ToString("G3", CultureInfo.InvariantCulture)}/{eval.ZeroReturn.Rmse.ToString("G3", CultureInfo.InvariantCulture)}");
            }
            CliConsole.Out.Write(table);
            return Task.FromResult(0);
        });
        return command;
    }

    private static Command Show()
    {
        var command = new Command("show", "Show one version: architecture, features, data, split, training and test metrics");
        var version = new Argument<string>("version") { Description = "Version name in --models, or an artifact directory" };
        var models = ModelLocation.RegistryOption();
        command.Arguments.Add(version);
        command.Options.Add(models);
        CliAction.Set(command, (parse, _) =>
        {
            var registry = new ModelRegistry(parse.GetValue(models)!);
            var dir = ModelRegistry.ResolveDirectory(parse.GetValue(version)!, registry.Root);
            var meta = ModelArtifact.ReadMeta(dir);
            if (parse.GetValue(CliOptions.Json)) CliConsole.WriteJson(new { directory = dir, promoted = registry.PromotedVersion() == meta.Version, meta });
            else
            {
                CliConsole.Out.MarkupLineInterpolated($"[bold]{meta.Version}[/] in {dir}{(registry.PromotedVersion() == Path.GetFileName(dir) ? " (promoted)" : "")}");
                ModelReport.PrintMeta(meta);
            }
            return Task.FromResult(0);
        });
        return command;
    }

    private static Command Promote()
    {
        var command = new Command("promote", "Make a version the one predictors serve (it is loaded and checked first; running predictors hot-reload it)");
        var version = new Argument<string>("version") { Description = "Version name in --models" };
        var models = ModelLocation.RegistryOption();
        command.Arguments.Add(version);
        command.Options.Add(models);
        CliAction.Set(command, (parse, _) =>
        {
            var registry = new ModelRegistry(parse.GetValue(models)!);
            var info = registry.Promote(parse.GetValue(version)!);
            if (parse.GetValue(CliOptions.Json)) CliConsole.WriteJson(new { info.Version, info.Directory, promoted = true });
            else CliConsole.Out.WriteLine($"promoted {info.Version} ({registry.PromotedFile})");
            return Task.FromResult(0);
        });
        return command;
    }

    private static Command ImportPython()
    {
        var command = new Command("import-python", "Convert the original Python project's model_best.pt + scaler.pkl + meta.json into a Fibo model version");
        var from = new Option<string>("--from") { Description = "Directory with model_best.pt, scaler.pkl and meta.json", Required = true };
        var outDir = new Option<string>("--out") { Description = "Model registry directory to add the version to", DefaultValueFactory = _ => "models" };
        var name = new Option<string?>("--name") { Description = "Version label (default: seed-import)" };
        command.Options.Add(from);
        command.Options.Add(outDir);
        command.Options.Add(name);
        CliAction.Set(command, (parse, _) =>
        {
            var result = PythonArtifactImporter.Import(parse.GetValue(from)!, parse.GetValue(outDir)!, parse.GetValue(name),
                names => FeatureRegistry.All.FirstOrDefault(s => s.Columns.SequenceEqual(names, StringComparer.Ordinal))?.Name);
            if (parse.GetValue(CliOptions.Json))
                CliConsole.WriteJson(new { result.Directory, result.Meta, weights = result.Weights.ToString(), scalerSamplesSeen = result.Scaler.SamplesSeen });
            else
            {
                CliConsole.Out.MarkupLineInterpolated($"imported [bold]{result.Meta.Version}[/] into {result.Directory}");
                CliConsole.Out.WriteLine($"weights: {result.Weights}; scaler: {result.Scaler.Mean.Length} features, n_samples_seen {result.Scaler.SamplesSeen?.ToString(CultureInfo.InvariantCulture) ?? "?"}");
                ModelReport.PrintMeta(result.Meta);
            }
            return Task.FromResult(0);
        });
        return command;
    }
}
