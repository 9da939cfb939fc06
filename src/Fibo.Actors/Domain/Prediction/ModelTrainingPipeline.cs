using Fibo.Actors.Domain.Dataset;

namespace Fibo.Actors.Domain.Prediction;

/// <summary>What to train on a prepared dataset.</summary>
public sealed record TrainRequest
{
    public ModelKind Kind { get; init; } = ModelKind.Lstm2Head;
    public int Hidden { get; init; } = 64;
    public int Layers { get; init; } = 2;
    public double Dropout { get; init; } = ModelArchitecture.DefaultDropout;
    public double HeadHiddenRatio { get; init; } = ModelArchitecture.DefaultHeadHiddenRatio;
    public TrainingOptions Training { get; init; } = new();

    /// <summary>Series key of the candles (e.g. ETH_BTC-5m), recorded in the meta.</summary>
    public required string Series { get; init; }

    /// <summary>Where the candles came from (file or store), recorded in the meta.</summary>
    public required string Source { get; init; }
}

/// <summary>A trained model with everything its artifact needs; owns the network.</summary>
public sealed class TrainedModel(IForecastNetwork network, StandardScaler scaler, ModelMeta meta, TrainingResult training) : IDisposable
{
    public IForecastNetwork Network { get; } = network;
    public StandardScaler Scaler { get; } = scaler;
    public ModelMeta Meta { get; } = meta;
    public TrainingResult Training { get; } = training;
    public IReadOnlyList<ForecastEvaluation> Evaluations => Meta.Metrics ?? [];

    public void Dispose() => Training.Dispose();
}

/// <summary>
/// <c>fibo train</c> without the I/O: a <see cref="PreparedDataset"/> (purged split, scaler fitted on training rows)
/// → train/val/test sequence sets → <see cref="LstmTrainer"/> → evaluation on the test split against the naive
/// baselines → the meta of the artifact.
/// </summary>
public static class ModelTrainingPipeline
{
    public static TrainedModel Train(PreparedDataset dataset, TrainRequest request, string version, DateTimeOffset created,
        Action<EpochReport>? onEpoch = null, CancellationToken ct = default)
    {
        var seq = dataset.Sequences;
        var architecture = request.Kind == ModelKind.Lstm2Head
            ? seq.Horizons.Count == 1
                ? ModelArchitecture.TwoHead(seq.FeatureCount, request.Hidden, request.Layers, seq.Horizons[0], request.Dropout)
                : throw new InputException($"an LSTM2Head predicts one horizon but the dataset has [{string.Join(", ", seq.Horizons)}]: pass one --horizon or --model multihead")
            : ModelArchitecture.MultiHead(seq.FeatureCount, request.Hidden, request.Layers, seq.Horizons, request.Dropout, request.HeadHiddenRatio);

        var split = dataset.Split;
        var train = Slice(seq, split.Train);
        var val = Slice(seq, split.Val);
        var test = Slice(seq, split.Test);
        var result = LstmTrainer.Train(architecture, train, val, request.Training, onEpoch, ct);
        try
        {
            var evaluations = Evaluate(result.Network, test, dataset, split.Test);
            var o = request.Training;
            var meta = ModelMeta.Describe(version, architecture, seq.FeatureNames, dataset.Request.Set.Name, seq.SeqLen, created) with
            {
                Targets = Targets(seq.Options.VolTarget),
                Data = new DataInfo(request.Series, request.Source, dataset.Features.Timestamps[0], dataset.Features.Timestamps[^1], dataset.CandleCount),
                Split = new SplitInfo(train.Count, val.Count, test.Count, split.PurgeGap, split.TrainRowsEnd,
                    dataset.Request.Purge ? "train_only" : "train_plus_one_row (seed)"),
                Training = new TrainingInfo(o.Epochs, result.EpochsRun, result.BestEpoch, result.BestValLoss, result.StoppedEarly,
                    o.LearningRate, o.BatchSize, o.Patience, o.Seed, o.GradClipNorm, LossName(architecture, o),
                    result.History.Select(h => new EpochRecord(h.Epoch, h.TrainLoss, h.ValLoss, h.ValDirectionalAccuracy)).ToList()),
                Metrics = evaluations,
            };
            return new TrainedModel(result.Network, dataset.Scaler, meta, result);
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }

    /// <summary>The sequences of one split range as the trainer's arrays (copies).</summary>
    public static SequenceSet Slice(SequenceDataset seq, SequenceRange range)
    {
        var step = seq.SeqLen * seq.FeatureCount;
        return new SequenceSet(seq.X.Slice(range.Start * step, range.Count * step).ToArray(), range.Count, seq.SeqLen, seq.FeatureCount, seq.Horizons,
            seq.Horizons.Select(h => seq.YRet(h).Slice(range.Start, range.Count).ToArray()).ToList(),
            seq.Horizons.Select(h => seq.YVol(h).Slice(range.Start, range.Count).ToArray()).ToList(),
            seq.EndTimes.Slice(range.Start, range.Count).ToArray());
    }

    /// <summary>
    /// Per horizon: the model against the zero-return forecast and the persistence forecast (the h-bar log return that
    /// ended at t0), and σ̂ against the realised volatility of the last h bars (same definition as the target).
    /// </summary>
    public static IReadOnlyList<ForecastEvaluation> Evaluate(IForecastNetwork network, SequenceSet test, PreparedDataset dataset, SequenceRange range)
    {
        var (predRet, predVol) = LstmTrainer.PredictScaled(network, test);
        var close = dataset.Features.Close;
        var endRows = dataset.Sequences.EndRows.Slice(range.Start, range.Count).ToArray();
        var target = dataset.Sequences.Options.VolTarget;
        var result = new List<ForecastEvaluation>();
        for (var hi = 0; hi < test.Horizons.Count; hi++)
        {
            var h = test.Horizons[hi];
            var lastRet = new double[test.Count];
            var lastVol = new double[test.Count];
            var returns = new double[h];
            for (var i = 0; i < test.Count; i++)
            {
                var t0 = endRows[i];
                // Windows have seq_len ≥ 1 rows before t0 in one segment; with h ≥ seq_len the look-back starts at row 0.
                var from = Math.Max(0, t0 - h);
                lastRet[i] = Math.Log(close[t0]) - Math.Log(close[from]);
                var n = 0;
                for (var k = Math.Max(1, t0 - h + 1); k <= t0; k++) returns[n++] = Math.Log(close[k]) - Math.Log(close[k - 1]);
                lastVol[i] = n == 0 ? 0 : SequenceBuilder.Volatility(returns.AsSpan(0, n), target);
            }
            result.Add(ForecastEvaluation.Evaluate(h,
                predRet[hi].Select(v => (double)v).ToArray(), predVol[hi].Select(v => (double)v).ToArray(),
                test.YRet[hi].Select(v => (double)v).ToArray(), test.YVol[hi].Select(v => (double)v).ToArray(),
                lastRet, lastVol));
        }
        return result;
    }

    public static TargetInfo Targets(VolTarget target) => new(
        "y_ret = ln C[t0+h] − ln C[t0]",
        target == VolTarget.SeedPerBarStd
            ? "y_vol = population std (ddof 0) of the h one-bar log returns after t0 (seed definition; 0 for h = 1)"
            : "y_vol = sqrt(mean r²) of the h one-bar log returns after t0 (realised per-bar volatility; h-bar σ = y_vol·√h)");

    private static string LossName(ModelArchitecture a, TrainingOptions o)
    {
        if (a.Kind == ModelKind.Lstm2Head) return $"mse_ret + {o.AlphaVol}·mse_vol";
        var m = o.MultiHorizonLoss;
        return $"multihorizon {m.Type.ToString().ToLowerInvariant()} (alpha_vol {m.AlphaVol}, alpha_dir {m.AlphaDir}, auto_scale_vol {m.AutoScaleVol.ToString().ToLowerInvariant()})";
    }
}
