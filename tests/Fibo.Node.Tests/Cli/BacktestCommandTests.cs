using System.Globalization;
using System.Text.Json;
using Fibo.Actors.Domain.Backtesting;
using Fibo.Actors.Domain.Prediction;
using Fibo.Actors.Domain.Trading;
using Fibo.Actors.Infrastructure.Backtesting;
using Fibo.Actors.Infrastructure.Models;
using Fibo.Node.Tests.Support;

namespace Fibo.Node.Tests.Cli;

/// <summary>
/// <c>fibo backtest</c> through the real executable, with a tiny v2 model trained here on the bundled XRP_ETH-5m
/// candles: the printed report, the files it writes, and the same orders as the in-process backtester.
/// </summary>
public sealed class BacktestCommandTests : IClassFixture<BacktestCommandTests.Model>, IDisposable
{
    private readonly Model _model;
    private readonly TempFolder _out = new("fibo-backtest-cli");

    public BacktestCommandTests(Model model) => _model = model;

    public sealed class Model : IDisposable
    {
        private readonly TempFolder _folder = new("fibo-backtest-model");

        public Model()
        {
            Input = TempFolder.RepoFile("data/sample/XRP_ETH-5m.csv");
            Directory = TinyV2Model.TrainAndSave(BacktestInput.Load(Input).Candles, _folder.File("tiny-v2"));
        }

        public string Input { get; }
        public string Directory { get; }

        public void Dispose() => _folder.Dispose();
    }

    public void Dispose() => _out.Dispose();

    [Fact]
    public async Task Prints_the_report_and_writes_the_ledger_csv_and_equity_png()
    {
        var run = await FiboProcess.RunAsync("backtest", "--input", _model.Input, "--model", _model.Directory,
            "--threshold", "0", "--fee-bps", "7.5", "--slippage-bps", "2", "--out", _out.Path);
        Assert.True(run.ExitCode == 0, run.ToString());
        foreach (var label in new[] { "trades", "total PnL", "Sharpe", "max drawdown", "win rate", "fees paid", "XRP_ETH-5m", "tiny-v2" })
            Assert.Contains(label, run.StdOut);

        var csv = File.ReadAllLines(_out.File("ledger.csv"));
        Assert.Equal(LedgerCsv.Header, csv[0]);
        Assert.True(csv.Length > 2, "a zero threshold makes the tiny model trade");
        Assert.All(csv[1..], line => Assert.Contains(",XRPETH,", line));
        var png = File.ReadAllBytes(_out.File("equity.png"));
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, png[..4]);
    }

    [Fact]
    public async Task Json_output_matches_the_in_process_backtest_of_the_same_model()
    {
        var run = await FiboProcess.RunAsync("backtest", "--input", _model.Input, "--model", _model.Directory,
            "--threshold", "0", "--slippage-bps", "5", "--out", _out.Path, "--json");
        Assert.True(run.ExitCode == 0, run.ToString());
        using var doc = JsonDocument.Parse(run.StdOut);
        var stats = doc.RootElement.GetProperty("statistics");

        // The same chain in this process: candles → streaming v2 features → the loaded model → policy → ledger.
        var (series, candles) = BacktestInput.Load(_model.Input);
        using var snapshot = ModelArtifact.Load(_model.Directory);
        var options = new BacktestOptions { SlippageBps = 5m, Policy = new TradingPolicyOptions { Threshold = 0 } };
        var expected = new Backtester(options, () => StreamingFeatureWindow.ForModel(snapshot.Meta, series.Timeframe), new ModelForecaster(snapshot))
            .Run(series, candles).Statistics;

        // The tiny model (seeded, deterministic on CPU) predicts both signs, so a zero threshold trades.
        Assert.True(expected.Orders > 0, "no orders; holds: " + doc.RootElement.GetProperty("holds"));
        Assert.Equal(expected.OrderListHash, stats.GetProperty("orderListHash").GetString());
        Assert.Equal(expected.Orders, stats.GetProperty("orders").GetInt32());
        Assert.Equal(expected.Trades, stats.GetProperty("trades").GetInt32());
        Assert.Equal(expected.TotalPnl, stats.GetProperty("totalPnl").GetDecimal());
        Assert.Equal(candles.Count, stats.GetProperty("candles").GetInt32());
        // Every candle after the v2 warm-up (49 rows) and the first full window of 8 gets a prediction.
        Assert.Equal(candles.Count - 49 - (TinyV2Model.SeqLen - 1), stats.GetProperty("predictions").GetInt32());
        Assert.Equal(expected.Trades, doc.RootElement.GetProperty("trades").GetArrayLength());
        Assert.Equal(File.ReadAllLines(_out.File("ledger.csv")).Length - 1, expected.Orders);
    }

    [Fact]
    public async Task The_live_chain_forecasts_what_fibo_predict_forecasts()
    {
        // fibo predict: batch features over the whole file, complete windows, one batched forward pass.
        var predictions = _out.File("predictions.csv");
        var run = await FiboProcess.RunAsync("predict", "--model", _model.Directory, "--input", _model.Input, "--output", predictions);
        Assert.True(run.ExitCode == 0, run.ToString());
        var inv = CultureInfo.InvariantCulture;
        var expected = File.ReadAllLines(predictions).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(','))
            .ToDictionary(f => long.Parse(f[0], inv), f => (Ret: double.Parse(f[1], inv), Vol: double.Parse(f[2], inv)));

        // The series actor's path: one candle at a time through streaming features, one window per forward pass.
        var (series, candles) = BacktestInput.Load(_model.Input);
        using var snapshot = ModelArtifact.Load(_model.Directory);
        var chain = new SeriesDecisionChain("paper", series, StreamingFeatureWindow.ForModel(snapshot.Meta, series.Timeframe),
            new TradingPolicy(new TradingPolicyOptions()));
        var forecaster = new ModelForecaster(snapshot);
        var window = new double[chain.WindowSize];
        var one = new Forecast[1];
        var compared = 0;
        foreach (var candle in candles)
        {
            if (!chain.OnCandle(candle))
            {
                Assert.False(expected.ContainsKey(candle.OpenTime), $"fibo predict has a window at {candle.OpenTime} that the chain has not");
                continue;
            }
            chain.CopyWindowTo(window);
            forecaster.Predict(window, one);
            var (ret, vol) = expected[candle.OpenTime];
            Assert.Equal(ret, one[0].Ret, 1e-7);
            Assert.Equal(vol, one[0].Vol, 1e-7);
            compared++;
        }
        Assert.Equal(expected.Count, compared);
    }

    [Fact]
    public async Task Bad_inputs_are_one_line_errors_with_exit_code_2()
    {
        var noModel = await FiboProcess.RunAsync("backtest", "--input", _model.Input, "--model", _out.File("missing-model"));
        Assert.Equal(2, noModel.ExitCode);
        Assert.Contains("missing-model", noModel.StdErr);
        Assert.Contains("does not exist", noModel.StdErr);

        var bad = _out.File("ETH_BTC-5m.csv");
        File.WriteAllLines(bad, ["timestamp,open,high,low,close,volume", "1515560100000,0.0984,0.0994766,0.09828605,0.0994766,1820.5",
            "1515560400000,0.09946999,0.0997238,0.099,-1,2527.9"]);
        var badRow = await FiboProcess.RunAsync("backtest", "--input", bad, "--model", _model.Directory);
        Assert.Equal(2, badRow.ExitCode);
        Assert.Contains("line 3", badRow.StdErr);
        Assert.Contains("close", badRow.StdErr);

        var badFee = await FiboProcess.RunAsync("backtest", "--input", _model.Input, "--model", _model.Directory, "--fee-bps", "-1");
        Assert.Equal(2, badFee.ExitCode);
        Assert.Contains("FeeBps", badFee.StdErr);
    }
}
