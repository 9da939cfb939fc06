using System.CommandLine;
using Fibo.Actors.Domain.Prediction;
using Fibo.Actors.Infrastructure.Models;

namespace Fibo.Node.Cli.Models;

/// <summary><c>--model DIR|VERSION</c> (optional: the promoted one) and <c>--models DIR</c> (the registry), shared by the model verbs.</summary>
internal sealed class ModelLocation(bool modelRequired)
{
    public readonly Option<string?> Model = new("--model")
    {
        Description = modelRequired
            ? "Model artifact directory, or a version name in --models"
            : "Model artifact directory, or a version name in --models (default: the promoted version)",
        Required = modelRequired,
    };

    public readonly Option<string> Models = RegistryOption();

    public static Option<string> RegistryOption() => new("--models")
    {
        Description = "Model registry directory (one sub-directory per version, 'promoted' pointer)",
        DefaultValueFactory = _ => "models",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Model);
        command.Options.Add(Models);
    }

    public ModelSnapshot Load(ParseResult parse)
    {
        var registry = new ModelRegistry(parse.GetValue(Models)!);
        var model = parse.GetValue(Model);
        if (!string.IsNullOrWhiteSpace(model)) return ModelArtifact.Load(ModelRegistry.ResolveDirectory(model, registry.Root));
        return registry.LoadPromoted() ?? throw new Fibo.Actors.Domain.InputException(
            $"no --model given and nothing is promoted in {registry.Root}; pass --model DIR or run 'fibo model promote VERSION --models {registry.Root}'");
    }
}
