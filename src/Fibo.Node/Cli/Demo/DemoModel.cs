using Fibo.Actors.Domain.Dataset;
using Fibo.Actors.Domain.Features;
using Fibo.Actors.Domain.Prediction;
using Fibo.Actors.Infrastructure.Models;
using Fibo.Messages.MarketData;
using Fibo.Node.Cli.Models;
using Spectre.Console;

namespace Fibo.Node.Cli.Demo;

/// <summary>The demo's model: the one promoted in its registry, or a small one trained now (with progress) on the first 60 % of a series.</summary>
internal static class DemoModel
{
    public sealed record Result(string Version, bool TrainedNow, TimeSpan TrainingTime, ModelMeta Meta);

    public static async Task<Result> EnsureAsync(DemoSettings settings, IReadOnlyList<Candle> trainingSeries, CancellationToken ct)
    {
        var registry = new ModelRegistry(settings.ModelsDirectory);
        if (!settings.Retrain && registry.PromotedVersion() is { } promoted)
        {
            try
            {
                using (ModelArtifact.Load(registry.PathOf(promoted))) { }
                CliConsole.Error.MarkupLineInterpolated($"model: [bold]{promoted}[/] (promoted in {registry.Root}; --retrain trains a new one)");
                return new Result(promoted, false, TimeSpan.Zero, ModelArtifact.ReadMeta(registry.PathOf(promoted)));
            }
            catch (Fibo.Actors.Domain.InputException e)
            {
                CliConsole.Error.MarkupLineInterpolated($"[yellow]the promoted model {promoted} does not load ({e.Message}); training a new one[/]");
            }
        }

        var take = (int)(trainingSeries.Count * DemoSettings.TrainingShare);
        var candles = trainingSeries.Take(take).ToArray();
        // Small on purpose: the demo trains in seconds on 2 cores. v2 features, 32-candle windows, the 4-candle return.
        var request = new DatasetRequest(FeatureRegistry.V2, new SequenceOptions(32, 4));
        var prepared = DatasetPipeline.Prepare(candles, request);
        var training = new TrainingOptions { Epochs = settings.Epochs, BatchSize = 64, LearningRate = 2e-3, Patience = settings.Epochs, Seed = 42 };
        var trainRequest = new TrainRequest
        {
            Hidden = 32,
            Layers = 2,
            Training = training,
            Series = DemoSettings.TrainingSeries,
            Source = $"bundled sample, first {take} of {trainingSeries.Count} candles",
        };
        var created = DateTimeOffset.UtcNow;
        var version = registry.NewVersionName($"demo-{DemoSettings.TrainingSeries}", created);
        CliConsole.Error.MarkupLineInterpolated(
            $"training a small LSTM on the first {take:N0} candles of {DemoSettings.TrainingSeries} (v2 features, seq_len 32, horizon 4, hidden 32, {settings.Epochs} epochs)");
        var sw = System.Diagnostics.Stopwatch.StartNew();
        using var trained = await TrainingProgress.RunAsync(training.Epochs,
            onEpoch => ModelTrainingPipeline.Train(prepared, trainRequest, version, created, onEpoch, ct));
        var dir = ModelArtifact.Save(registry.PathOf(version), trained.Network, trained.Scaler, trained.Meta,
            png => LossCurvePlot.Write(png, trained.Training.History, $"{version} (demo)"));
        registry.Promote(version);
        CliConsole.Error.MarkupLineInterpolated($"model: [bold]{version}[/] trained in {sw.Elapsed.TotalSeconds:0.0} s, saved to {dir} and promoted");
        return new Result(version, true, sw.Elapsed, ModelArtifact.ReadMeta(dir));
    }
}
