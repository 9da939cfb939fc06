using System.Diagnostics;
using static TorchSharp.torch;

namespace Fibo.Actors.Domain.Prediction;

/// <summary>A trained network (the best validation epoch's weights) and how it got there.</summary>
public sealed class TrainingResult(IForecastNetwork network, IReadOnlyList<EpochReport> history, bool stoppedEarly) : IDisposable
{
    public IForecastNetwork Network { get; } = network;
    public IReadOnlyList<EpochReport> History { get; } = history;
    public bool StoppedEarly { get; } = stoppedEarly;
    public int EpochsRun => History.Count;
    public int BestEpoch => History.Count == 0 ? 0 : History[^1].BestEpoch;
    public double BestValLoss => History.Count == 0 ? double.NaN : History[^1].BestValLoss;

    public void Dispose() => Network.Dispose();
}

/// <summary>
/// Trains an <see cref="IForecastNetwork"/> on scaled sequences (SEED-SPEC §6.3–6.4, with the port's fixes): Adam,
/// both heads trained (the seed's GUI trained only the return head), grad-norm clip, validation after every epoch,
/// early stopping with patience, and the best epoch's weights restored. Seeded and deterministic on CPU: the weights
/// and dropout masks come from a private stream seeded by <c>manual_seed(seed)</c> (<see cref="TorchRandomStream"/>),
/// the shuffle from a <see cref="Random"/> with the same seed.
/// </summary>
public static class LstmTrainer
{
    public static TrainingResult Train(ModelArchitecture architecture, SequenceSet train, SequenceSet validation, TrainingOptions options,
        Action<EpochReport>? onEpoch = null, CancellationToken ct = default)
    {
        options.Validate();
        CheckData(architecture, train, "training");
        CheckData(architecture, validation, "validation");
        TorchRuntime.EnsureInitialized();
        using var random = new TorchRandomStream(options.Seed);
        var network = random.Run(() => ForecastNetworks.Create(architecture));
        try
        {
            var (history, stoppedEarly) = Run(network, train, validation, options, random, onEpoch, ct);
            return new TrainingResult(network, history, stoppedEarly);
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }

    private static (List<EpochReport>, bool) Run(IForecastNetwork network, SequenceSet train, SequenceSet val, TrainingOptions o,
        TorchRandomStream random, Action<EpochReport>? onEpoch, CancellationToken ct)
    {
        var module = network.Module;
        var kind = network.Architecture.Kind;
        using var trainTensors = new SequenceTensors(train);
        using var valTensors = new SequenceTensors(val);
        using var optimizer = optim.Adam(module.parameters(), o.LearningRate);
        var rng = new Random(o.Seed);
        var order = Enumerable.Range(0, train.Count).Select(i => (long)i).ToArray();
        var history = new List<EpochReport>();
        Dictionary<string, Tensor>? best = null;
        var bestLoss = double.PositiveInfinity;
        var bestEpoch = 0;
        var sinceBest = 0;
        var clock = Stopwatch.StartNew();
        try
        {
            for (var epoch = 1; epoch <= o.Epochs; epoch++)
            {
                ct.ThrowIfCancellationRequested();
                if (o.Shuffle) rng.Shuffle(order);
                module.train();
                double sum = 0;
                for (var start = 0; start < order.Length; start += o.BatchSize)
                {
                    ct.ThrowIfCancellationRequested();
                    using var scope = NewDisposeScope();
                    var count = Math.Min(o.BatchSize, order.Length - start);
                    var (x, yRet, yVol) = trainTensors.Batch(order.AsSpan(start, count));
                    optimizer.zero_grad();
                    // Dropout masks are drawn in the forward pass: from this training's own random stream.
                    var loss = random.Run(() => TrainingLoss.Compute(network.ForwardHeads(x), yRet, yVol, kind, o));
                    loss.backward();
                    nn.utils.clip_grad_norm_(module.parameters(), o.GradClipNorm);
                    optimizer.step();
                    sum += loss.item<float>() * count;
                }
                var trainLoss = sum / order.Length;
                var (valLoss, valDir) = Validate(network, valTensors, o);

                var improved = valLoss < bestLoss; // strictly lower, as the seed; NaN never improves
                if (improved)
                {
                    DisposeAll(best);
                    best = CopyState(module);
                    bestLoss = valLoss;
                    bestEpoch = epoch;
                    sinceBest = 0;
                }
                else sinceBest++;

                var elapsed = clock.Elapsed;
                var remaining = TimeSpan.FromTicks(elapsed.Ticks / epoch * (o.Epochs - epoch));
                var report = new EpochReport(epoch, o.Epochs, trainLoss, valLoss, valDir, improved, bestEpoch, bestLoss, elapsed, remaining);
                history.Add(report);
                onEpoch?.Invoke(report);
                if (sinceBest >= o.Patience)
                {
                    if (best is null) break;
                    module.load_state_dict(best);
                    return (history, epoch < o.Epochs);
                }
            }
            if (best is null)
                throw new InputException($"training diverged: the validation loss was never finite in {history.Count} epochs " +
                                         $"(last train loss {history.LastOrDefault()?.TrainLoss}); lower --lr or check the features for extreme values");
            module.load_state_dict(best);
            return (history, false);
        }
        finally
        {
            DisposeAll(best);
        }
    }

    private static (double Loss, double DirectionalAccuracy) Validate(IForecastNetwork network, SequenceTensors val, TrainingOptions o)
    {
        network.Module.eval();
        using var noGrad = no_grad();
        double sum = 0;
        long hits = 0;
        var primary = network.Architecture.Horizons.Count / 2;
        for (var start = 0; start < val.Count; start += o.BatchSize)
        {
            using var scope = NewDisposeScope();
            var count = Math.Min(o.BatchSize, val.Count - start);
            var (x, yRet, yVol) = val.Range(start, count);
            var outputs = network.ForwardHeads(x);
            sum += TrainingLoss.Compute(outputs, yRet, yVol, network.Architecture.Kind, o).item<float>() * count;
            hits += outputs[primary].Ret.sign().eq(yRet[primary].sign()).sum().item<long>();
        }
        return (sum / val.Count, (double)hits / val.Count);
    }

    /// <summary>Predictions of a network on scaled sequences: per horizon, (ret, vol) per sequence (eval mode, no grad).</summary>
    public static (float[][] Ret, float[][] Vol) PredictScaled(IForecastNetwork network, SequenceSet data, int batchSize = 256)
    {
        TorchRuntime.EnsureInitialized();
        var n = network.Architecture.Horizons.Count;
        var ret = Enumerable.Range(0, n).Select(_ => new float[data.Count]).ToArray();
        var vol = Enumerable.Range(0, n).Select(_ => new float[data.Count]).ToArray();
        network.Module.eval();
        using var noGrad = no_grad();
        var step = data.SeqLen * data.Features;
        for (var start = 0; start < data.Count; start += batchSize)
        {
            using var scope = NewDisposeScope();
            var count = Math.Min(batchSize, data.Count - start);
            var x = tensor(new ArraySegment<float>(data.X, start * step, count * step), count, data.SeqLen, data.Features);
            var outputs = network.ForwardHeads(x);
            for (var h = 0; h < n; h++)
            {
                outputs[h].Ret.data<float>().CopyTo(ret[h], start);
                outputs[h].Vol.data<float>().CopyTo(vol[h], start);
            }
        }
        return (ret, vol);
    }

    private static Dictionary<string, Tensor> CopyState(nn.Module module)
    {
        // Outside any dispose scope on purpose: these copies live until the next improvement or the end.
        var copy = new Dictionary<string, Tensor>();
        foreach (var (name, value) in module.state_dict())
            copy[name] = value.detach().clone().DetachFromDisposeScope();
        return copy;
    }

    private static void DisposeAll(Dictionary<string, Tensor>? state)
    {
        if (state is null) return;
        foreach (var t in state.Values) t.Dispose();
    }

    private static void CheckData(ModelArchitecture a, SequenceSet data, string name)
    {
        if (data.Count == 0) throw new InputException($"the {name} set is empty: more rows or a smaller seq_len/horizon are needed");
        if (data.Features != a.InputSize)
            throw new InputException($"the {name} set has {data.Features} features but the model expects {a.InputSize}");
        if (!data.Horizons.SequenceEqual(a.Horizons))
            throw new InputException($"the {name} set has targets for horizons [{string.Join(", ", data.Horizons)}] but the model has [{string.Join(", ", a.Horizons)}]");
    }

    /// <summary>A sequence set held as tensors for the duration of a training run (one copy, batches by index).</summary>
    private sealed class SequenceTensors : IDisposable
    {
        private readonly Tensor _x;
        private readonly Tensor[] _yRet;
        private readonly Tensor[] _yVol;

        public SequenceTensors(SequenceSet s)
        {
            Count = s.Count;
            _x = tensor(s.X, s.Count, s.SeqLen, s.Features).DetachFromDisposeScope();
            _yRet = s.YRet.Select(y => tensor(y).DetachFromDisposeScope()).ToArray();
            _yVol = s.YVol.Select(y => tensor(y).DetachFromDisposeScope()).ToArray();
        }

        public int Count { get; }

        public (Tensor X, Tensor[] YRet, Tensor[] YVol) Batch(ReadOnlySpan<long> indices)
        {
            var idx = tensor(indices.ToArray());
            return (_x.index_select(0, idx), _yRet.Select(y => y.index_select(0, idx)).ToArray(), _yVol.Select(y => y.index_select(0, idx)).ToArray());
        }

        public (Tensor X, Tensor[] YRet, Tensor[] YVol) Range(int start, int count) =>
            (_x.narrow(0, start, count), _yRet.Select(y => y.narrow(0, start, count)).ToArray(), _yVol.Select(y => y.narrow(0, start, count)).ToArray());

        public void Dispose()
        {
            _x.Dispose();
            foreach (var t in _yRet) t.Dispose();
            foreach (var t in _yVol) t.Dispose();
        }
    }
}
