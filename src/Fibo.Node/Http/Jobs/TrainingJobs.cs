using Fibo.Actors.Domain;
using Fibo.Actors.Domain.Dataset;
using Fibo.Actors.Domain.Features;
using Fibo.Actors.Domain.Prediction;
using Fibo.Actors.Infrastructure.Models;
using Fibo.Node.Http.Contracts;
using Fibo.Node.Http.MarketData;
using Fibo.Node.Http.Registry;

namespace Fibo.Node.Http.Jobs;

/// <summary>
/// Training runs started from the dashboard: <c>fibo train</c>'s path (store candles → purged dataset →
/// <see cref="ModelTrainingPipeline"/> → artifact with loss plot in the registry) in a background task, one at a time
/// (training uses the whole CPU). The last job stays readable until the next one starts; stopping the node cancels a
/// running one.
/// </summary>
public sealed class TrainingJobs(NodeCandleStore store, ModelCatalog catalog, ILogger<TrainingJobs> log) : IDisposable
{
    private readonly object _lock = new();
    private TrainingJob? _current;

    public TrainingStatusView Status()
    {
        lock (_lock) return new TrainingStatusView(_current?.View());
    }

    public TrainingJobView Start(TrainingRequest request)
    {
        var (datasetRequest, trainRequest) = Validate(request);
        lock (_lock)
        {
            if (_current is { IsFinished: false } busy)
                throw ApiException.Conflict($"training {busy.Id} of {busy.Request.Series} is still running: wait for it or cancel it (POST /api/training/cancel)");
            var job = new TrainingJob(Guid.NewGuid().ToString("N")[..12], request);
            _current = job;
            _ = Task.Run(() => RunAsync(job, datasetRequest, trainRequest)); // RunAsync records every outcome in the job
            return job.View();
        }
    }

    public TrainingJobView Cancel()
    {
        lock (_lock)
        {
            if (_current is not { IsFinished: false } job) throw ApiException.NotFound("no training is running");
            job.Cancellation.Cancel();
            return job.View();
        }
    }

    private async Task RunAsync(TrainingJob job, DatasetRequest datasetRequest, TrainRequest trainRequest)
    {
        var ct = job.Cancellation.Token;
        try
        {
            job.Phase("loading", $"reading {job.Request.Series} from the candle store");
            var key = SeriesInspector.ParseKey(job.Request.Series);
            var candleStore = await store.GetAsync(ct);
            var candles = await candleStore.ReadRangeAsync(key, ct: ct);
            if (candles.Count == 0) throw new InputException($"the candle store has no candles for {key}");

            job.Phase("preparing", $"{candles.Count} candles → {datasetRequest.Set.Name} features and windows");
            var prepared = DatasetPipeline.Prepare(candles.ToArray(), datasetRequest);
            var seq = prepared.Sequences;

            job.Phase("training", $"{seq.Count} windows of {seq.SeqLen}×{seq.FeatureCount}: train {prepared.Split.Train.Count} / val {prepared.Split.Val.Count} / test {prepared.Split.Test.Count}");
            var registry = catalog.Registry;
            var created = DateTimeOffset.UtcNow;
            var version = registry.NewVersionName(job.Request.Name ?? key.ToString(), created);
            var request = trainRequest with { Series = key.ToString(), Source = candleStore.Describe };
            using var trained = ModelTrainingPipeline.Train(prepared, request, version, created,
                e => job.Epoch(new EpochView(e.Epoch, e.TrainLoss, e.ValLoss, e.ValDirectionalAccuracy)), ct);

            job.Phase("saving", $"writing {version} into {registry.Root}");
            ModelArtifact.Save(registry.PathOf(version), trained.Network, trained.Scaler, trained.Meta,
                png => LossCurvePlot.Write(png, trained.Training.History, $"{version} ({trained.Network.Architecture.KindName}, {key})"));
            if (job.Request.Promote) registry.Promote(version);
            var beats = trained.Evaluations.Count > 0 && trained.Evaluations.All(e => e.BeatsBaselines);
            job.Finish("succeeded", $"{version}: {trained.Training.EpochsRun} epochs, best validation loss {trained.Training.BestValLoss:G4}" +
                                    (beats ? ", beats the naive baselines on the test split" : ", does not beat the naive baselines on the test split"),
                version, job.Request.Promote);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            job.Finish("cancelled", "cancelled before it finished; nothing was written");
        }
        catch (InputException e)
        {
            job.Finish("failed", e.Message);
        }
        catch (Exception e)
        {
            log.LogError(e, "training {Job} of {Series} failed", job.Id, job.Request.Series);
            job.Finish("failed", $"{e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>Checks the request before anything starts, so a bad field is a 400 and not a failed job.</summary>
    private static (DatasetRequest, TrainRequest) Validate(TrainingRequest r)
    {
        if (string.IsNullOrWhiteSpace(r.Series)) throw ApiException.BadRequest("series is required, e.g. \"ETH_BTC-5m\"");
        SeriesInspector.ParseKey(r.Series);
        var set = FeatureRegistry.Get(r.Set);
        if (r.SeqLen < 2) throw ApiException.BadRequest($"seqLen {r.SeqLen} is too short: use 2 or more bars");
        if (r.Horizon < 1) throw ApiException.BadRequest($"horizon {r.Horizon} must be at least 1 bar");
        if (r.Hidden < 1 || r.Layers < 1) throw ApiException.BadRequest($"hidden {r.Hidden} and layers {r.Layers} must be at least 1");
        if (r.Dropout < 0 || r.Dropout >= 1) throw ApiException.BadRequest($"dropout {r.Dropout} must be in [0, 1)");
        var training = new TrainingOptions
        {
            Epochs = r.Epochs, BatchSize = r.BatchSize, LearningRate = r.LearningRate, Patience = r.Patience, Seed = r.Seed,
        };
        training.Validate();
        var dataset = new DatasetRequest(set, new SequenceOptions(r.SeqLen, r.Horizon));
        var train = new TrainRequest
        {
            Hidden = r.Hidden, Layers = r.Layers, Dropout = r.Dropout, Training = training,
            Series = r.Series, Source = "candle store",
        };
        return (dataset, train);
    }

    public void Dispose()
    {
        lock (_lock) _current?.Cancellation.Cancel();
    }
}
