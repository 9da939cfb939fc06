namespace Fibo.Actors.Domain.Backtesting;

public enum BacktestPhase { Forecast, Trade }

/// <summary>How far a backtest is: candles done of the total in the current phase (forecasting first, then trading).</summary>
public readonly record struct BacktestProgress(BacktestPhase Phase, int Done, int Total);
