using System.CommandLine;
using Fibo.Actors.Domain;
using Fibo.Actors.Domain.Backtesting;
using Fibo.Actors.Domain.Exchange;
using Fibo.Actors.Domain.Trading;
using Fibo.Actors.Infrastructure.Backtesting;
using Fibo.Actors.Infrastructure.Models;
using Fibo.Messages.Primitives;
using Spectre.Console;

namespace Fibo.Node.Cli;

/// <summary>
/// <c>fibo backtest --input FILE --model DIR</c>: the live decision chain (streaming features → model → policy →
/// ledger, paper fills at the next open) over a candle file; prints the trades and statistics and writes the equity
/// curve PNG and the ledger CSV.
/// </summary>
internal static class BacktestCommand
{
    public static Command Create()
    {
        var input = new Option<string>("--input") { Description = "Candle file (CSV or JSON, e.g. data/sample/ETH_BTC-5m.csv)", Required = true };
        var model = new Option<string>("--model") { Description = "Model artifact directory (meta.json, scaler.json, weights)", Required = true };
        var series = new Option<string?>("--series") { Description = "Series key of the file when its name does not say it, e.g. ETH_BTC-5m" };
        var threshold = new Option<double>("--threshold") { Description = "Trade when |predicted return| is above this", DefaultValueFactory = _ => 0.0005 };
        var feeBps = new Option<decimal>("--fee-bps") { Description = "Taker fee in basis points (10 = Binance's 0.1 %)", DefaultValueFactory = _ => 10m };
        var slippageBps = new Option<decimal>("--slippage-bps") { Description = "Slippage against each fill, in basis points of the next open", DefaultValueFactory = _ => 0m };
        var equity = new Option<decimal>("--equity") { Description = "Starting cash and sizing equity (quote units)", DefaultValueFactory = _ => 10_000m };
        var positionPct = new Option<decimal>("--position-pct") { Description = "Fraction of equity per entry", DefaultValueFactory = _ => 0.01m };
        var stepSize = new Option<decimal>("--step-size") { Description = "Quantity step orders are sized to (Binance LOT_SIZE stepSize; 0 = none)", DefaultValueFactory = _ => 0.00000001m };
        var minQty = new Option<decimal>("--min-qty") { Description = "Smallest order quantity (LOT_SIZE minQty)", DefaultValueFactory = _ => 0m };
        var minNotional = new Option<decimal>("--min-notional") { Description = "Smallest order value in quote units (NOTIONAL minNotional)", DefaultValueFactory = _ => 0m };
        var output = new Option<string?>("--out") { Description = "Folder for equity.png and ledger.csv (default: ./backtest-<series>)" };
        var shown = new Option<int>("--trades") { Description = "How many of the last round trips to print", DefaultValueFactory = _ => 20 };

        var command = new Command("backtest", "Backtest a model over a candle file with the live trading chain and paper fills");
        foreach (var o in new Option[] { input, model, series, threshold, feeBps, slippageBps, equity, positionPct, stepSize, minQty, minNotional, output, shown })
            command.Options.Add(o);

        CliAction.Set(command, async (parse, ct) =>
        {
            SeriesKey? key = parse.GetValue(series) is { } text
                ? SeriesKey.TryParse(text, out var k, out var error) ? k : throw new InputException($"--series: {error}")
                : null;
            var options = new BacktestOptions
            {
                FeeBps = parse.GetValue(feeBps),
                SlippageBps = parse.GetValue(slippageBps),
                Filters = new PaperFilters { StepSize = parse.GetValue(stepSize), MinQty = parse.GetValue(minQty), MinNotional = parse.GetValue(minNotional) },
                Policy = new TradingPolicyOptions
                {
                    Threshold = parse.GetValue(threshold),
                    Equity = parse.GetValue(equity),
                    PositionPct = parse.GetValue(positionPct),
                },
            }.Validate();

            var (seriesKey, candles) = BacktestInput.Load(parse.GetValue(input)!, key);
            using var snapshot = ModelArtifact.Load(parse.GetValue(model)!);
            var backtester = new Backtester(options, () => StreamingFeatureWindow.ForModel(snapshot.Meta, seriesKey.Timeframe), new ModelForecaster(snapshot));
            var result = await RunWithProgressAsync(backtester, seriesKey, candles, ct);

            var folder = Path.GetFullPath(parse.GetValue(output) ?? $"backtest-{seriesKey}");
            Directory.CreateDirectory(folder);
            var csvPath = Path.Combine(folder, "ledger.csv");
            await using (var writer = new StreamWriter(csvPath)) LedgerCsv.Write(writer, result.Orders);
            var pngPath = Path.Combine(folder, "equity.png");
            EquityCurvePlot.SavePng(pngPath, result);

            if (parse.GetValue(CliOptions.Json)) CliConsole.WriteJson(BacktestReport.Json(result, snapshot.Version, csvPath, pngPath));
            else BacktestReport.Print(result, snapshot.Version, csvPath, pngPath, parse.GetValue(shown));
            return 0;
        });
        return command;
    }

    private static Task<BacktestResult> RunWithProgressAsync(Backtester backtester, SeriesKey series, IReadOnlyList<Fibo.Messages.MarketData.Candle> candles, CancellationToken ct) =>
        !CliConsole.Error.Profile.Capabilities.Interactive
            ? Task.Run(() => backtester.Run(series, candles), ct)
            : CliConsole.Error.Progress().AutoClear(true).StartAsync(async ctx =>
        {
            var forecast = ctx.AddTask("forecast", maxValue: candles.Count);
            var trade = ctx.AddTask("trade", maxValue: candles.Count);
            var progress = new Progress<BacktestProgress>(p => (p.Phase == BacktestPhase.Forecast ? forecast : trade).Value = p.Done);
            var result = await Task.Run(() => backtester.Run(series, candles, progress), ct);
            forecast.Value = forecast.MaxValue;
            trade.Value = trade.MaxValue;
            return result;
        });
}
