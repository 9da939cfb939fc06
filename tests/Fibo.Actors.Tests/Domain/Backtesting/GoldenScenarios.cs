using Fibo.Actors.Domain.Backtesting;
using Fibo.Actors.Domain.Trading;
using Fibo.Actors.Tests.Support;
using Fibo.Messages.MarketData;

namespace Fibo.Actors.Tests.Domain.Backtesting;

/// <summary>The two pinned backtests on data/sample/ETH_BTC-5m.csv (5,760 real Binance candles).</summary>
internal static class GoldenScenarios
{
    public const int SequenceLength = 32;

    public static Candle[] EthBtc5m() => TestCandles.LoadRepoCsv("data/sample/ETH_BTC-5m.csv", TestCandles.Step);

    /// <summary>The seed rule with the oracle forecaster, Binance's fee, no slippage.</summary>
    public static BacktestResult SeedRule(Candle[] candles) =>
        new Backtester(new BacktestOptions(), () => new LogReturnWindow(SequenceLength), new OracleForecaster(candles, SequenceLength))
            .Run(TestCandles.Series, candles);

    /// <summary>Every optional feature on: volatility sizing, σ-stops, slippage, risk limits, shorts (a margin-style account).</summary>
    public static BacktestResult AllFeatures(Candle[] candles)
    {
        var options = new BacktestOptions
        {
            SlippageBps = 5m,
            Policy = new TradingPolicyOptions
            {
                Threshold = 0.001,
                VolatilitySizing = new VolatilitySizingOptions { RiskPerTrade = 0.0002m, MaxPositionPct = 0.1m },
                StopLossSigmas = 1.0,
                TakeProfitSigmas = 2.0,
                Risk = new RiskLimits { AllowShort = true, MaxPositionNotional = 800m, DailyLossLimit = 5m },
            },
        };
        return new Backtester(options, () => new LogReturnWindow(SequenceLength), new OracleForecaster(candles, SequenceLength, vol: 0.003))
            .Run(TestCandles.Series, candles);
    }
}
