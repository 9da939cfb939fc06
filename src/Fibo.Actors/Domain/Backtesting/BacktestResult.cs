using Fibo.Actors.Domain.Trading;
using Fibo.Messages.Primitives;
using Fibo.Messages.Trading;

namespace Fibo.Actors.Domain.Backtesting;

/// <summary>Account value at one candle's close: quote cash plus the position marked at the close.</summary>
public readonly record struct EquityPoint(long TimeMs, decimal Equity, decimal PositionQuantity);

/// <summary>Everything a backtest produced: statistics, the equity curve, the final ledger and its journal.</summary>
public sealed record BacktestResult(
    SeriesKey Series,
    BacktestStatistics Statistics,
    IReadOnlyList<EquityPoint> EquityCurve,
    Ledger Ledger,
    IReadOnlyList<ILedgerEvent> Journal,
    IReadOnlyDictionary<HoldReason, int> Holds,
    IReadOnlyList<LedgerRejection> Rejections)
{
    public IEnumerable<LedgerOrder> Orders => Ledger.OrdersInSequence;
}
