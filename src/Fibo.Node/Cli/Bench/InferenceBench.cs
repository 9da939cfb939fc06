using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Fibo.Actors.Domain.Dataset;
using Fibo.Actors.Domain.Prediction;
using Fibo.Actors.Infrastructure.Models;
using Spectre.Console;
using static TorchSharp.torch;

namespace Fibo.Node.Cli.Bench;

/// <summary>
/// <c>fibo bench inference</c>: the inference API the predictor uses (raw float64 windows → scale → tensor → LSTM →
/// (ret, vol)) against the bare TorchSharp forward of the same network on a ready tensor, batch 1 against batch 64,
/// and native memory over many predictions. Goals: batch-1 p50 ≤ 200 µs, batch 64 ≥ 4× the batch-1 throughput,
/// RSS growth &lt; 10 MB over 100k predictions.
/// </summary>
internal static class InferenceBench
{
    public static Command Create()
    {
        var command = new Command("inference", "LSTM inference: batch-1 latency (API vs bare forward), batch-64 vs batch-1 throughput, RSS growth");
        var seqLen = new Option<int>("--seq-len") { Description = "Window length", DefaultValueFactory = _ => 64 };
        var features = new Option<int>("--features") { Description = "Feature columns", DefaultValueFactory = _ => 14 };
        var hidden = new Option<int>("--hidden") { Description = "LSTM hidden size", DefaultValueFactory = _ => 64 };
        var layers = new Option<int>("--layers") { Description = "LSTM layers", DefaultValueFactory = _ => 2 };
        var iterations = new Option<int>("--iterations") { Description = "Timed batch-1 calls per variant", DefaultValueFactory = _ => 5000 };
        var memory = new Option<int>("--memory-predictions") { Description = "Batch-1 predictions for the RSS measurement", DefaultValueFactory = _ => 100_000 };
        var model = new Option<string?>("--model") { Description = "Benchmark this artifact instead of a random LSTM2Head of the given shape" };
        foreach (var o in new Option[] { seqLen, features, hidden, layers, iterations, memory, model }) command.Options.Add(o);
        CliAction.Set(command, (parse, ct) =>
        {
            TorchRuntime.EnsureInitialized();
            using var snapshot = parse.GetValue(model) is { Length: > 0 } dir
                ? ModelArtifact.Load(dir)
                : RandomModel(parse.GetValue(features), parse.GetValue(hidden), parse.GetValue(layers), parse.GetValue(seqLen));
            var result = Run(snapshot, parse.GetValue(iterations), parse.GetValue(memory), ct);
            if (parse.GetValue(CliOptions.Json)) CliConsole.WriteJson(result);
            else Print(result);
            return Task.FromResult(0);
        });
        return command;
    }

    private static ModelSnapshot RandomModel(int f, int hidden, int layers, int seqLen)
    {
        var names = Enumerable.Range(0, f).Select(i => $"f{i}").ToArray();
        var arch = ModelArchitecture.TwoHead(f, hidden, layers, horizon: 4);
        var meta = ModelMeta.Describe("bench", arch, names, null, seqLen, DateTimeOffset.UtcNow);
        return ModelSnapshot.Create(ForecastNetworks.Create(arch), new StandardScaler(names, new double[f], Enumerable.Repeat(1.0, f).ToArray()), meta);
    }

    private sealed record Latency(double P50Us, double P99Us, double MeanUs);

    private sealed record Result(
        string Model, int SeqLen, int Features, int Threads,
        Latency ApiBatch1, Latency BareForwardBatch1, double ApiOverBare,
        double SamplesPerSecondBatch1, double SamplesPerSecondBatch64, double Batch64OverBatch1,
        int MemoryPredictions, double RssBeforeMb, double RssAfterMb, double RssGrowthMb, double ManagedGrowthMb,
        bool LatencyGoalMet, bool BatchingGoalMet, bool MemoryGoalMet);

    private static Result Run(ModelSnapshot model, int iterations, int memoryPredictions, CancellationToken ct)
    {
        var rng = new Random(1);
        RawFeatureWindows Windows(int n) =>
            new(Enumerable.Range(0, n * model.SeqLen * model.FeatureCount).Select(_ => rng.NextDouble() * 2 - 1).ToArray(), n, model.SeqLen, model.FeatureCount);
        var one = Windows(1);
        var sixtyFour = Windows(64);
        var network = model.Network;

        // The baseline: the same network on a tensor that already exists (no checks, no scaling, no copies).
        using var ready = tensor(one.Values.Select(v => (float)v).ToArray(), 1, model.SeqLen, model.FeatureCount);
        void Bare()
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var outputs = network.ForwardHeads(ready);
            outputs[0].Ret.item<float>();
        }

        for (var i = 0; i < 300; i++) { model.Predict(one); Bare(); model.Predict(sixtyFour); }
        var api = Time(iterations, () => model.Predict(one), ct);
        var bare = Time(iterations, Bare, ct);
        var batches = Math.Max(50, iterations / 64);
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < batches; i++) model.Predict(sixtyFour);
        var perSample64 = sw.Elapsed.TotalSeconds / (batches * 64.0);

        var (rssBefore, managedBefore) = Memory();
        for (var i = 0; i < memoryPredictions; i++)
        {
            if (i % 1000 == 0) ct.ThrowIfCancellationRequested();
            model.Predict(one);
        }
        var (rssAfter, managedAfter) = Memory();

        var batch1 = 1e6 / api.MeanUs;
        var batch64 = 1 / perSample64;
        return new Result(model.Version, model.SeqLen, model.FeatureCount, get_num_threads(),
            api, bare, api.P50Us / bare.P50Us, batch1, batch64, batch64 / batch1,
            memoryPredictions, rssBefore, rssAfter, rssAfter - rssBefore, managedAfter - managedBefore,
            api.P50Us <= 200, batch64 / batch1 >= 4, rssAfter - rssBefore < 10);
    }

    private static Latency Time(int n, Action action, CancellationToken ct)
    {
        var ticks = new long[n];
        for (var i = 0; i < n; i++)
        {
            if (i % 1000 == 0) ct.ThrowIfCancellationRequested();
            var start = Stopwatch.GetTimestamp();
            action();
            ticks[i] = Stopwatch.GetTimestamp() - start;
        }
        Array.Sort(ticks);
        double Us(long t) => t * 1e6 / Stopwatch.Frequency;
        return new Latency(Us(ticks[n / 2]), Us(ticks[(int)(n * 0.99)]), ticks.Average(t => t * 1e6 / Stopwatch.Frequency));
    }

    private static (double RssMb, double ManagedMb) Memory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        return (self.WorkingSet64 / 1048576.0, GC.GetTotalMemory(false) / 1048576.0);
    }

    private static void Print(Result r)
    {
        string F(double v, string fmt = "F1") => v.ToString(fmt, CultureInfo.InvariantCulture);
        string Goal(bool ok) => ok ? "[green]met[/]" : "[red]missed[/]";
        var table = new Table().Title($"inference: {Markup.Escape(r.Model)}, seq_len {r.SeqLen}, {r.Features} features, {r.Threads} torch thread(s)")
            .AddColumn("measure").AddColumn("ours (ModelSnapshot.Predict)").AddColumn("baseline").AddColumn("ratio").AddColumn("goal");
        table.AddRow("batch-1 latency p50 / p99", $"{F(r.ApiBatch1.P50Us)} / {F(r.ApiBatch1.P99Us)} µs",
            $"{F(r.BareForwardBatch1.P50Us)} / {F(r.BareForwardBatch1.P99Us)} µs (bare forward)", $"{F(r.ApiOverBare, "F2")}×", $"p50 ≤ 200 µs: {Goal(r.LatencyGoalMet)}");
        table.AddRow("throughput", $"{F(r.SamplesPerSecondBatch64, "N0")} samples/s at batch 64", $"{F(r.SamplesPerSecondBatch1, "N0")} samples/s at batch 1",
            $"{F(r.Batch64OverBatch1, "F2")}×", $"≥ 4×: {Goal(r.BatchingGoalMet)}");
        table.AddRow($"RSS over {r.MemoryPredictions:N0} predictions", $"{F(r.RssBeforeMb)} → {F(r.RssAfterMb)} MB ({F(r.RssGrowthMb, "+0.00;-0.00")} MB)",
            $"managed heap {F(r.ManagedGrowthMb, "+0.00;-0.00")} MB", "", $"< 10 MB: {Goal(r.MemoryGoalMet)}");
        CliConsole.Out.Write(table);
    }
}
