using System.CommandLine;
using Spectre.Console;
using Fibo.Actors.Domain;
using Fibo.Actors.Domain.MarketData;
using Fibo.Actors.Infrastructure.MarketData.Files;

namespace Fibo.Node.Cli.Data;

/// <summary><c>fibo data synth --series KEY --count N --seed S --output FILE</c>: a seeded synthetic market (GBM + GARCH + regimes).</summary>
internal static class DataSynthCommand
{
    public const string DefaultStart = "2024-01-01T00:00:00Z";

    public static Command Create()
    {
        var series = DataCli.Series();
        var count = new Option<int>("--count", "-n") { Description = "Number of candles", Required = true };
        var seed = new Option<ulong>("--seed") { Description = "Random seed: the same seed gives the same candles", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--output", "-o") { Description = "File to write: freqtrade CSV, or JSON arrays for a .json name", Required = true };
        var start = new Option<string>("--start") { Description = "First open time (ISO-8601 or UTC ms), aligned up to the timeframe", DefaultValueFactory = _ => DefaultStart };
        var price = new Option<double>("--start-price") { Description = "First open price", DefaultValueFactory = _ => 0.05 };
        var vol = new Option<double>("--volatility") { Description = "Annualised volatility (0.8 = 80 %/year)", DefaultValueFactory = _ => 0.8 };
        var command = new Command("synth", "Generate a seeded synthetic candle series (GBM with GARCH(1,1) volatility and regime switches)");
        foreach (var o in new Option[] { series, count, seed, output, start, price, vol }) command.Options.Add(o);

        CliAction.Set(command, async (parse, ct) =>
        {
            var key = DataCli.ParseSeries(parse.GetValue(series)!);
            int n = parse.GetValue(count);
            if (n <= 0) throw new InputException($"--count {n}: must be at least 1");
            var options = new SyntheticMarketOptions { StartPrice = parse.GetValue(price), AnnualVolatility = parse.GetValue(vol) };
            long startMs = DataCli.ParseTime(parse.GetValue(start)!, "--start");
            var candles = SyntheticMarket.Generate(key.Timeframe, n, parse.GetValue(seed), startMs, options);
            var path = parse.GetValue(output)!;
            await CandleFileWriter.WriteAsync(path, candles, ct);
            if (parse.GetValue(CliOptions.Json))
                CliConsole.WriteJson(new { series = key.ToString(), count = n, seed = parse.GetValue(seed), output = Path.GetFullPath(path), first = DataCli.Iso(candles[0].OpenTime), last = DataCli.Iso(candles[^1].OpenTime) });
            else
                CliConsole.Out.WriteLine($"Wrote {n:N0} synthetic {key} candles (seed {parse.GetValue(seed)}, {DataCli.Iso(candles[0].OpenTime)} .. {DataCli.Iso(candles[^1].OpenTime)}) to {path}");
            return 0;
        });
        return command;
    }
}
