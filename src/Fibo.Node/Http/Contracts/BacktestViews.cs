using Fibo.Actors.Domain.Backtesting;

namespace Fibo.Node.Http.Contracts;

/// <summary><c>POST /api/backtest</c>: a registry model over a series of the candle store, with <c>fibo backtest</c>'s options.</summary>
public sealed class BacktestRequest
{
    public string Model { get; init; } = "";
    public string Series { get; init; } = "";
    public double Threshold { get; init; } = 0.0005;
    public decimal FeeBps { get; init; } = 10m;
    public decimal SlippageBps { get; init; }
    public decimal Equity { get; init; } = 10_000m;
    public decimal PositionPct { get; init; } = 0.01m;
    /// <summary>Only the last N candles of the series (null: all).</summary>
    public int? LastCandles { get; init; }
}

/// <summary>A closed round trip.</summary>
public sealed record TradeView(long OpenedAtMs, long ClosedAtMs, string Side, decimal Quantity, decimal Entry, decimal Exit, decimal NetPnl);

/// <summary>A point of the equity curve (thinned to a few hundred points for the chart).</summary>
public sealed record EquityPointView(long TimeMs, decimal Equity);

/// <summary>What a backtest produced: statistics, the last trades, the equity curve.</summary>
public sealed record BacktestView(
    string Series,
    string Model,
    BacktestStatistics Statistics,
    IReadOnlyDictionary<string, int> Holds,
    int TradeCount,
    IReadOnlyList<TradeView> Trades,
    IReadOnlyList<EquityPointView> Equity);
