using Fibo.Actors.Domain.Exchange;
using Fibo.Actors.Domain.Trading;

namespace Fibo.Actors.Domain.Backtesting;

/// <summary>How a backtest trades: the policy, the paper broker's costs and the starting cash.</summary>
public sealed record BacktestOptions
{
    public string Account { get; init; } = "backtest";
    public TradingPolicyOptions Policy { get; init; } = new();
    /// <summary>Taker fee in basis points of the notional; 10 = Binance's default 0.1 %.</summary>
    public decimal FeeBps { get; init; } = 10m;
    /// <summary>Slippage against the order in basis points of the next open.</summary>
    public decimal SlippageBps { get; init; }
    /// <summary>Starting cash in the quote asset; null = the policy's equity (the seed's 10,000).</summary>
    public decimal? InitialCash { get; init; }
    /// <summary>The exchange filters intents are sized to (as the node's paper broker does with <c>Fibo:Trading:PaperFilters</c>).</summary>
    public PaperFilters Filters { get; init; } = PaperFilters.None;
    /// <summary>Windows per forecaster call.</summary>
    public int BatchSize { get; init; } = 256;

    public decimal StartingCash => InitialCash ?? Policy.Equity;

    public BacktestOptions Validate()
    {
        Policy.Validate();
        Filters.Validate("backtest filters");
        if (FeeBps < 0) throw new InputException($"backtest option FeeBps = {FeeBps} is invalid: use 0 or more basis points (10 = 0.1 %)");
        if (SlippageBps < 0) throw new InputException($"backtest option SlippageBps = {SlippageBps} is invalid: use 0 or more basis points");
        if (StartingCash <= 0) throw new InputException($"backtest option InitialCash = {StartingCash} is invalid: use a positive amount");
        if (BatchSize <= 0) throw new InputException($"backtest option BatchSize = {BatchSize} is invalid: use a positive number such as 256");
        if (string.IsNullOrWhiteSpace(Account)) throw new InputException("backtest option Account is empty: name the account, e.g. 'backtest'");
        return this;
    }
}
