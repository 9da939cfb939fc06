using Fibo.Actors.Domain;
using Fibo.Actors.Domain.Backtesting;
using Fibo.Actors.Domain.Trading;
using Fibo.Actors.Tests.Support;
using Fibo.Messages.Trading;

namespace Fibo.Actors.Tests.Domain.Backtesting;

public class BacktesterTests
{
    // Opens equal the previous close. The oracle sees +9.5 % at candle 1 and −9.5 % at candle 3.
    private static readonly double[] Closes = [1.00, 1.00, 1.10, 1.21, 1.10, 1.00, 1.00];

    private static BacktestResult RunOracle(BacktestOptions? options = null, double[]? closes = null, int seq = 1)
    {
        var candles = TestCandles.FromCloses(closes ?? Closes);
        var backtester = new Backtester(options ?? new BacktestOptions(), () => new LogReturnWindow(seq), new OracleForecaster(candles, seq));
        return backtester.Run(TestCandles.Series, candles);
    }

    [Fact]
    public void Hand_computed_round_trip()
    {
        var r = RunOracle();
        var orders = r.Orders.ToList();
        Assert.Equal(2, orders.Count);

        // Buy decided on candle 1's close: 10,000 · 1 % / 1.00 = 100 units, filled at candle 2's open (1.00), fee 0.1.
        Assert.Equal((OrderSide.Buy, 100m, OrderStatus.Filled, 1.00m, 0.1m), (orders[0].Intent.Side, orders[0].Intent.Quantity, orders[0].Status, orders[0].AverageFillPrice!.Value, orders[0].TotalFee));
        Assert.Equal(TestCandles.OpenTime(1), orders[0].Intent.CandleOpenTime);
        Assert.Equal(TestCandles.OpenTime(2), orders[0].Fills[0].AtMs);
        // Sell decided on candle 3 (opposite signal), filled at candle 4's open (1.21), fee 0.121.
        Assert.Equal((OrderSide.Sell, 100m, OrderStatus.Filled, 1.21m, 0.121m), (orders[1].Intent.Side, orders[1].Intent.Quantity, orders[1].Status, orders[1].AverageFillPrice!.Value, orders[1].TotalFee));
        Assert.Equal(IntentReason.OppositeSignal, orders[1].Intent.Reason);

        var s = r.Statistics;
        Assert.Equal(7, s.Candles);
        Assert.Equal(6, s.Predictions);
        Assert.Equal(2, s.Orders);
        Assert.Equal(2, s.FilledOrders);
        Assert.Equal(1, s.Trades);
        Assert.Equal(1.0, s.WinRate);
        Assert.Equal(0.221m, s.FeesPaid);
        Assert.Equal(10_020.779m, s.FinalEquity);
        Assert.Equal(20.779m, s.TotalPnl);
        Assert.Equal(0.20779, s.ReturnPct, 12);
        Assert.Equal(2.0 / 7, s.Exposure, 12);
        Assert.Equal(0.121m, s.MaxDrawdown);
        Assert.Equal((double)(0.121m / 10_020.9m) * 100, s.MaxDrawdownPct, 12);
        Assert.Equal([10_000m, 10_000m, 10_009.9m, 10_020.9m, 10_020.779m, 10_020.779m, 10_020.779m], r.EquityCurve.Select(p => p.Equity));
        Assert.Equal([0m, 0m, 100m, 100m, 0m, 0m, 0m], r.EquityCurve.Select(p => p.PositionQuantity));
        Assert.Equal(TestCandles.OpenTime(1), r.EquityCurve[0].TimeMs); // marked at candle 0's close
        Assert.Equal(1, r.Holds[HoldReason.PositionOpen]);
        Assert.Equal(1, r.Holds[HoldReason.ShortNotAllowed]);
        Assert.Equal(2, r.Holds[HoldReason.BelowThreshold]);
        Assert.Empty(r.Rejections);
    }

    [Fact]
    public void Fees_and_slippage_from_the_options()
    {
        var r = RunOracle(new BacktestOptions { FeeBps = 0m, SlippageBps = 10m });
        var orders = r.Orders.ToList();
        Assert.Equal(1.001m, orders[0].AverageFillPrice);
        Assert.Equal(1.20879m, orders[1].AverageFillPrice);
        Assert.Equal(0m, r.Statistics.FeesPaid);
        Assert.Equal(100m * (1.20879m - 1.001m), r.Statistics.TotalPnl);
    }

    [Fact]
    public void A_constant_bullish_forecast_buys_once_and_holds()
    {
        var candles = TestCandles.FromCloses(1.0, 1.0, 1.1, 1.2, 1.3, 1.2, 1.25);
        var forecaster = new ConstantForecaster(1, 0.01);
        var r = new Backtester(new BacktestOptions(), () => new LogReturnWindow(1), forecaster).Run(TestCandles.Series, candles);
        var order = Assert.Single(r.Orders);
        Assert.Equal(OrderSide.Buy, order.Intent.Side);
        Assert.Equal(0, r.Statistics.Trades);
        Assert.Equal(5, r.Holds[HoldReason.PositionOpen]); // candles 2–6: the buy filled at candle 2's open
        Assert.Equal(100m * (1.25m - 1.0m) - 0.1m, r.Statistics.TotalPnl); // marked at the last close
    }

    [Fact]
    public void The_journal_rebuilds_the_final_ledger()
    {
        var candles = TestCandles.LoadRepoCsv("data/sample/XRP_ETH-5m.csv", TestCandles.Step);
        var r = new Backtester(new BacktestOptions(), () => new LogReturnWindow(8), new OracleForecaster(candles, 8)).Run(TestCandles.Series, candles);
        Assert.True(r.Statistics.Orders > 10);
        var rebuilt = Ledger.Open("backtest").EvolveAll(r.Journal);
        Fibo.Actors.Tests.Domain.Trading.LedgerEvolveTests.AssertSameState(r.Ledger, rebuilt);
        // Every order of a finished backtest ended, except possibly the last one decided on the final candle.
        Assert.True(r.Ledger.OpenOrderIds.Count <= 1);
    }

    [Fact]
    public void Batching_the_forecasts_does_not_change_the_result()
    {
        var candles = TestCandles.LoadRepoCsv("data/sample/XRP_ETH-5m.csv", TestCandles.Step);
        BacktestStatistics Run(int batch) =>
            new Backtester(new BacktestOptions { BatchSize = batch }, () => new LogReturnWindow(8), new OracleForecaster(candles, 8))
                .Run(TestCandles.Series, candles).Statistics;
        Assert.Equal(Run(1), Run(256));
    }

    [Fact]
    public void Unsorted_candles_and_mismatched_models_are_input_errors()
    {
        var candles = TestCandles.FromCloses(1, 2, 3);
        var bt = new Backtester(new BacktestOptions(), () => new LogReturnWindow(1), new ConstantForecaster(1, 0));
        var e = Assert.Throws<InputException>(() => bt.Run(TestCandles.Series, [candles[0], candles[2], candles[1]]));
        Assert.Contains("sort the candles", e.Message);
        var mismatched = new Backtester(new BacktestOptions(), () => new LogReturnWindow(4), new ConstantForecaster(32, 0));
        e = Assert.Throws<InputException>(() => mismatched.Run(TestCandles.Series, candles));
        Assert.Contains("4×2", e.Message);
        Assert.Contains("32×2", e.Message);
    }

    [Fact]
    public void Statistics_formulas()
    {
        // Returns +1 %, −1 %, +2 %: mean 0.00667, sample std 0.01528, 5m bars → × √105,120.
        EquityPoint P(decimal e) => new(0, e, 0);
        var curve = new[] { P(101m), P(99.99m), P(101.9898m) };
        var r = new[] { 0.01, -0.01, 0.02 };
        var mean = r.Average();
        var std = Math.Sqrt(r.Sum(x => (x - mean) * (x - mean)) / 2);
        Assert.Equal(mean / std * Math.Sqrt(105_120), BacktestStatistics.SharpeOf(TestCandles.Series.Timeframe, 100m, curve), 9);
        Assert.Equal(0, BacktestStatistics.SharpeOf(TestCandles.Series.Timeframe, 100m, [P(100m), P(100m)]));
        var (pct, amount) = BacktestStatistics.MaxDrawdownOf(100m, [P(110m), P(99m), P(120m), P(108m)]);
        Assert.Equal(12m, amount); // 120 → 108; in percent both falls are 10 %
        Assert.Equal(10.0, pct, 12);
    }
}
