using System.CommandLine;
using System.Diagnostics;
using Fibo.Actors.Domain;
using Fibo.Actors.Domain.MarketData;
using Fibo.Messages.Primitives;
using Spectre.Console;

namespace Fibo.Node.Cli.Bench;

/// <summary>
/// <c>fibo bench synth</c>: candles/s of <see cref="SyntheticMarket"/> (GARCH, regimes, Brownian-bridge high/low)
/// against the simplest baseline, a plain GBM close series from System.Random, in the same run.
/// </summary>
internal static class SynthBench
{
    public static Command Create()
    {
        var count = new Option<int>("--count") { Description = "Candles per run", DefaultValueFactory = _ => 200_000 };
        var runs = new Option<int>("--runs") { Description = "Runs (the best counts)", DefaultValueFactory = _ => 5 };
        var command = new Command("synth", "Synthetic market generation candles/s vs a plain GBM baseline");
        command.Options.Add(count);
        command.Options.Add(runs);
        CliAction.Set(command, (parse, ct) =>
        {
            int n = parse.GetValue(count), r = parse.GetValue(runs);
            if (n < 1000 || r < 1) throw new InputException("use --count ≥ 1000 and --runs ≥ 1");
            long start = DateTimeOffset.Parse("2024-01-01T00:00:00Z").ToUnixTimeMilliseconds();
            double bestOurs = 0, bestBase = 0, oursMs = double.MaxValue;
            double checksum = 0;
            for (int i = 0; i <= r; i++) // run 0 warms up
            {
                ct.ThrowIfCancellationRequested();
                var sw = Stopwatch.StartNew();
                var candles = SyntheticMarket.Generate(Timeframe.M1, n, (ulong)i, start);
                sw.Stop();
                checksum += candles[^1].Close;
                var sw2 = Stopwatch.StartNew();
                checksum += PlainGbm(n, i);
                sw2.Stop();
                if (i == 0) continue;
                bestOurs = Math.Max(bestOurs, n / sw.Elapsed.TotalSeconds);
                oursMs = Math.Min(oursMs, sw.Elapsed.TotalMilliseconds);
                bestBase = Math.Max(bestBase, n / sw2.Elapsed.TotalSeconds);
            }
            double ratio = bestOurs / bestBase;
            if (parse.GetValue(CliOptions.Json))
                CliConsole.WriteJson(new { suite = "synth", count = n, runs = r, baseline = bestBase, ours = bestOurs, ratio, oursMilliseconds = oursMs, checksum });
            else
            {
                var table = new Table().Title($"synthetic candles, {n:N0} × {r} run(s), best run").AddColumns("Generator", "Candles/s", "vs baseline");
                table.AddRow("plain GBM closes (System.Random, Box-Muller)", bestBase.ToString("N0"), "1.00");
                table.AddRow("SyntheticMarket (GARCH + regimes + high/low + volume)", bestOurs.ToString("N0"), ratio.ToString("0.00"));
                CliConsole.Out.Write(table);
                CliConsole.Out.WriteLine($"{n:N0} candles in {oursMs:0.0} ms");
            }
            return Task.FromResult(0);
        });
        return command;
    }

    /// <summary>The baseline: closes of a geometric Brownian motion, nothing else.</summary>
    private static double PlainGbm(int n, int seed)
    {
        var rnd = new Random(seed);
        var closes = new double[n];
        double price = 0.05, sigma = 0.8 * Math.Sqrt(60_000 / (365.25 * 86_400_000));
        for (int i = 0; i < n; i++)
        {
            double z = Math.Sqrt(-2 * Math.Log(1 - rnd.NextDouble())) * Math.Cos(2 * Math.PI * rnd.NextDouble());
            price *= Math.Exp(-sigma * sigma / 2 + sigma * z);
            closes[i] = price;
        }
        return closes[^1];
    }
}
