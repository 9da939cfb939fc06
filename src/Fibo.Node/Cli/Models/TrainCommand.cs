using System.CommandLine;
using Fibo.Actors.Domain;
using Fibo.Actors.Domain.Dataset;
using Fibo.Actors.Domain.Prediction;
using Fibo.Actors.Infrastructure.Models;
using Fibo.Node.Cli.Features;
using Spectre.Console;

namespace Fibo.Node.Cli.Models;

/// <summary>
/// <c>fibo train</c>: candles → features → purged dataset (the same options as <c>fibo dataset</c>) → LSTM with both
/// heads trained → a new version in the model registry (weights, scaler.json, meta.json, loss.png) and the test-split
/// evaluation against naive baselines.
/// </summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var command = new Command("train", "Train an LSTM (return + volatility heads) on a candle series and save a versioned model artifact");
        var source = new CandleSource();
        source.AddTo(command);
        var dataset = new DatasetCliOptions();
        dataset.AddTo(command);
        var arch = new Option<string>("--arch") { Description = "lstm2head (one horizon, the seed's model) or multihead (a head pair per --horizons)", DefaultValueFactory = _ => "lstm2head" };
        var hidden = new Option<int>("--hidden") { Description = "LSTM hidden size", DefaultValueFactory = _ => 64 };
        var layers = new Option<int>("--layers") { Description = "LSTM layers", DefaultValueFactory = _ => 2 };
        var dropout = new Option<double>("--dropout") { Description = "Dropout between LSTM layers", DefaultValueFactory = _ => 0.1 };
        var lr = new Option<double>("--lr") { Description = "Adam learning rate", DefaultValueFactory = _ => 1e-3 };
        var batch = new Option<int>("--batch") { Description = "Batch size", DefaultValueFactory = _ => 64 };
        var epochs = new Option<int>("--epochs") { Description = "Maximum epochs", DefaultValueFactory = _ => 20 };
        var patience = new Option<int>("--patience") { Description = "Stop after this many epochs without a lower validation loss (the best epoch is kept)", DefaultValueFactory = _ => 10 };
        var seed = new Option<int>("--seed") { Description = "Seed of weights, dropout and shuffling (training is deterministic on CPU)", DefaultValueFactory = _ => 42 };
        var alphaVol = new Option<double>("--alpha-vol") { Description = "Weight of the volatility MSE: loss = MSE_ret + α·MSE_vol", DefaultValueFactory = _ => 0.5 };
        var loss = new Option<string>("--loss") { Description = "multihead loss: mse, nll (heteroscedastic, y_vol unused) or hybrid", DefaultValueFactory = _ => "mse" };
        var autoScale = new Option<bool>("--auto-scale-vol") { Description = "multihead mse/hybrid: scale α_vol by mean|r̂|/mean|σ̂| per batch (the seed's option)" };
        var noShuffle = new Option<bool>("--no-shuffle") { Description = "Keep training windows in time order (the seed's GUI)" };
        var outDir = new Option<string>("--out") { Description = "Model registry directory; the model goes into a new version sub-directory", DefaultValueFactory = _ => "models" };
        var name = new Option<string?>("--name") { Description = "Version label (default: the series key); the version is LABEL.<UTC time>" };
        var promote = new Option<bool>("--promote") { Description = "Promote the new version (predictors hot-reload it)" };
        foreach (var o in new Option[] { arch, hidden, layers, dropout, lr, batch, epochs, patience, seed, alphaVol, loss, autoScale, noShuffle, outDir, name, promote })
            command.Options.Add(o);

        CliAction.Set(command, async (parse, ct) =>
        {
            var kind = parse.GetValue(arch)!.Trim().ToLowerInvariant() switch
            {
                "lstm2head" or "2head" => ModelKind.Lstm2Head,
                "multihead" or "multi" => ModelKind.LstmMultiHead,
                var other => throw new InputException($"--arch: '{other}' is not known; use lstm2head or multihead"),
            };
            var lossType = parse.GetValue(loss)!.Trim().ToLowerInvariant() switch
            {
                "mse" => MultiHorizonLossType.Mse,
                "nll" or "heteroscedastic_nll" => MultiHorizonLossType.HeteroscedasticNll,
                "hybrid" => MultiHorizonLossType.Hybrid,
                var other => throw new InputException($"--loss: '{other}' is not known; use mse, nll or hybrid"),
            };
            var training = new TrainingOptions
            {
                Epochs = parse.GetValue(epochs), BatchSize = parse.GetValue(batch), LearningRate = parse.GetValue(lr),
                Patience = parse.GetValue(patience), Seed = parse.GetValue(seed), AlphaVol = parse.GetValue(alphaVol),
                Shuffle = !parse.GetValue(noShuffle),
                MultiHorizonLoss = new MultiHorizonLossOptions { Type = lossType, AlphaVol = parse.GetValue(alphaVol), AutoScaleVol = parse.GetValue(autoScale) },
            };
            training.Validate();
            var request = dataset.Request(parse);
            var loaded = await source.LoadAsync(parse, ct);
            var prepared = DatasetPipeline.Prepare(loaded.Candles, request);
            var seq = prepared.Sequences;
            CliConsole.Error.WriteLine($"{loaded.Key} {request.Set.Name}: {prepared.CandleCount} candles → {seq.Count} windows of {seq.SeqLen}×{seq.FeatureCount}, " +
                                       $"train {prepared.Split.Train.Count} / val {prepared.Split.Val.Count} / test {prepared.Split.Test.Count} (purge {prepared.Split.PurgeGap})");

            var registry = new ModelRegistry(parse.GetValue(outDir)!);
            var created = DateTimeOffset.UtcNow;
            var version = registry.NewVersionName(parse.GetValue(name) ?? loaded.Key.ToString(), created);
            var trainRequest = new TrainRequest
            {
                Kind = kind, Hidden = parse.GetValue(hidden), Layers = parse.GetValue(layers), Dropout = parse.GetValue(dropout),
                Training = training, Series = loaded.Key.ToString(), Source = loaded.Source,
            };
            using var trained = await TrainingProgress.RunAsync(training.Epochs,
                onEpoch => ModelTrainingPipeline.Train(prepared, trainRequest, version, created, onEpoch, ct));
            var dir = ModelArtifact.Save(registry.PathOf(version), trained.Network, trained.Scaler, trained.Meta,
                png => LossCurvePlot.Write(png, trained.Training.History, $"{version} ({trained.Network.Architecture.KindName}, {loaded.Key})"));
            if (parse.GetValue(promote)) registry.Promote(version);

            if (parse.GetValue(CliOptions.Json))
                CliConsole.WriteJson(new { version, directory = dir, promoted = parse.GetValue(promote), meta = ModelArtifact.ReadMeta(dir) });
            else
                ModelReport.PrintTraining(dir, ModelArtifact.ReadMeta(dir), parse.GetValue(promote));
            return 0;
        });
        return command;
    }
}
