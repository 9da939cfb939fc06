using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Fibo.Actors.Domain;
using Fibo.Actors.Domain.Features;
using Fibo.Actors.Domain.MarketData;
using Fibo.Messages.MarketData;
using Fibo.Messages.Primitives;
using Spectre.Console;

namespace Fibo.Node.Cli.Bench;

/// <summary>
/// <c>fibo bench features</c> (B1): the streaming update per candle against recomputing the batch features over the
/// last W candles for each new candle, in the same run, for v1 and v2. Prints ns and bytes allocated per candle and the
/// ratio, and checks the two agree on the measured candles.
/// </summary>
internal static class FeaturesBench
{
    public static Command Create()
    {
        var command = new Command("features", "Streaming feature update vs batch recompute over a window, per candle (v1 and v2)");
        var candlesOpt = new Option<int>("--candles") { Description = "Synthetic candles streamed", DefaultValueFactory = _ => 200_000 };
        var windowOpt = new Option<int>("--window") { Description = "Window the baseline recomputes per candle", DefaultValueFactory = _ => 500 };
        var samplesOpt = new Option<int>("--samples") { Description = "Candles at which the baseline recompute is timed (spread over the run)", DefaultValueFactory = _ => 2_000 };
        var seedOpt = new Option<int>("--seed") { Description = "Synthetic market seed", DefaultValueFactory = _ => 42 };
        command.Options.Add(candlesOpt);
        command.Options.Add(windowOpt);
        command.Options.Add(samplesOpt);
        command.Options.Add(seedOpt);
        CliAction.Set(command, (parse, _) =>
        {
            int n = parse.GetValue(candlesOpt), w = parse.GetValue(windowOpt), samples = parse.GetValue(samplesOpt);
            if (w < 50) throw new InputException($"--window must be at least 50 (the Fibonacci lookback), got {w}");
            if (n < w + 1000) throw new InputException($"--candles must be at least --window + 1000, got {n}");
            if (samples < 1) throw new InputException($"--samples must be at least 1, got {samples}");
            var candles = Synthetic(n, parse.GetValue(seedOpt));
            var results = FeatureRegistry.All.Select(set => Measure(set, candles, w, Math.Min(samples, n - w))).ToList();
            if (parse.GetValue(CliOptions.Json))
            {
                CliConsole.WriteJson(new { candles = n, window = w, samples, results });
            }
            else
            {
                var table = new Table().AddColumns("set", "streaming ns/candle", "streaming B/candle", $"batch recompute (W={w}) ns/candle", "batch B/candle", "ratio", "max |diff|");
                foreach (var r in results)
                    table.AddRow(r.Set, F(r.StreamingNsPerCandle, "F1"), F(r.StreamingBytesPerCandle, "F2"), F(r.BatchNsPerCandle, "F0"), F(r.BatchBytesPerCandle, "F0"),
                        F(r.Ratio, "F0") + "×", r.MaxAbsDiff.ToString("E1", CultureInfo.InvariantCulture));
                CliConsole.Out.WriteLine($"{n} synthetic 5m candles (seeded GARCH/regime market), streaming over all; batch recompute of the last {w} candles timed at {Math.Min(samples, n - w)} candles spread over the run");
                CliConsole.Out.Write(table);
            }
            return Task.FromResult(0);
        });
        return command;
    }

    internal sealed record Result(string Set, int Columns, double StreamingNsPerCandle, double StreamingBytesPerCandle,
        double BatchNsPerCandle, double BatchBytesPerCandle, double Ratio, double MaxAbsDiff);

    private static Result Measure(FeatureSet set, Candle[] candles, int window, int samples)
    {
        var row = new double[set.Columns.Count];
        // Warm-up both paths (JIT tiers), untimed.
        var warm = set.CreateStreaming();
        for (int i = 0; i < Math.Min(candles.Length, 20_000); i++) warm.Update(candles[i], row);
        var batch = set.CreateBatch();
        for (int i = 0; i < 20; i++) batch.Compute(candles.AsSpan(i, window));

        // Streaming: every candle, one pass.
        var streaming = set.CreateStreaming();
        var rowsAtSamples = new Dictionary<int, double[]>();
        var sampleAt = SamplePositions(candles.Length, window, samples);
        var isSample = new bool[candles.Length];
        foreach (var p in sampleAt) isSample[p] = true;
        long bytes0 = GC.GetAllocatedBytesForCurrentThread();
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < candles.Length; i++) streaming.Update(candles[i], row);
        long end = Stopwatch.GetTimestamp();
        long streamingBytes = GC.GetAllocatedBytesForCurrentThread() - bytes0;
        double streamingNs = Stopwatch.GetElapsedTime(start, end).TotalNanoseconds / candles.Length;

        // Values at the sampled candles, for the equality check (a separate untimed streaming pass).
        var check = set.CreateStreaming();
        for (int i = 0; i < candles.Length; i++)
        {
            check.Update(candles[i], row);
            if (isSample[i]) rowsAtSamples[i] = (double[])row.Clone();
        }

        // Baseline: for a new candle i, recompute the batch features over candles (i−W, i] and take the last row.
        double maxDiff = 0;
        long batchBytes = 0;
        var batchTime = TimeSpan.Zero;
        foreach (var i in sampleAt)
        {
            long b0 = GC.GetAllocatedBytesForCurrentThread();
            var t0 = Stopwatch.GetTimestamp();
            var frame = batch.Compute(candles.AsSpan(i - window + 1, window));
            batchTime += Stopwatch.GetElapsedTime(t0);
            batchBytes += GC.GetAllocatedBytesForCurrentThread() - b0;
            var last = frame.Row(window - 1);
            var s = rowsAtSamples[i];
            for (int j = 0; j < last.Length; j++)
            {
                // EMAs and TD counters depend on where the window starts (SEED-SPEC §4.4): compare the window-free columns.
                if (!WindowIndependent(set.Columns[j])) continue;
                double d = Math.Abs(last[j] - s[j]) / Math.Max(1, Math.Abs(s[j]));
                if (d > maxDiff) maxDiff = d;
            }
        }
        double batchNs = batchTime.TotalNanoseconds / sampleAt.Length;
        return new Result(set.Name, set.Columns.Count, streamingNs, (double)streamingBytes / candles.Length, batchNs,
            (double)batchBytes / sampleAt.Length, batchNs / streamingNs, maxDiff);
    }

    private static bool WindowIndependent(string column) => !column.StartsWith("ema_", StringComparison.Ordinal) && !column.StartsWith("td_", StringComparison.Ordinal);

    private static int[] SamplePositions(int n, int window, int samples)
    {
        var result = new int[samples];
        for (int k = 0; k < samples; k++) result[k] = window - 1 + (int)((long)(n - window) * k / samples);
        return result;
    }

    private static string F(double v, string format) => v.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>The market-data helper's seeded synthetic market (GARCH + regimes, 8-decimal ticks), 5m candles.</summary>
    internal static Candle[] Synthetic(int n, int seed) =>
        SyntheticMarket.Generate(Timeframe.M5, n, (ulong)seed, Timeframe.M5.Floor(1_700_000_000_000)).ToArray();

}
