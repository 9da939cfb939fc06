using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Fibo.Actors.Domain.Trading;
using Fibo.Messages.Primitives;

namespace Fibo.Actors.Domain.Backtesting;

/// <summary>
/// The figures of a backtest. PnL and fees in quote units (decimal); ratios as double.
/// <see cref="Sharpe"/> uses per-bar simple returns of the equity curve (sample std), annualized by √(bars per
/// 365-day year) since crypto trades around the clock, with a zero risk-free rate. <see cref="MaxDrawdownPct"/> is the
/// largest fall from a running peak (the starting cash included) in percent. <see cref="Exposure"/> is the fraction
/// of bars that ended with a position. <see cref="WinRate"/> counts round trips with a positive PnL net of fees.
/// <see cref="OrderListHash"/> fingerprints every order (id, side, quantity, status, fill price, fee), as Lean's
/// regression tests do, so any behaviour change shows.
/// </summary>
public sealed record BacktestStatistics(
    int Candles,
    int Predictions,
    int Orders,
    int FilledOrders,
    int Trades,
    int WinningTrades,
    decimal InitialEquity,
    decimal FinalEquity,
    decimal TotalPnl,
    double ReturnPct,
    double Sharpe,
    double MaxDrawdownPct,
    decimal MaxDrawdown,
    double WinRate,
    double Exposure,
    decimal FeesPaid,
    string OrderListHash)
{
    public static BacktestStatistics Compute(
        Timeframe timeframe, decimal initialEquity, IReadOnlyList<EquityPoint> curve, Ledger ledger, int predictions)
    {
        var finalEquity = curve.Count > 0 ? curve[^1].Equity : initialEquity;
        var (ddPct, dd) = MaxDrawdownOf(initialEquity, curve);
        var trades = ledger.ClosedTrades;
        var wins = trades.Count(t => t.NetPnl > 0);
        var orders = ledger.OrdersInSequence.ToList();
        return new BacktestStatistics(
            Candles: curve.Count,
            Predictions: predictions,
            Orders: orders.Count,
            FilledOrders: orders.Count(o => o.FilledQuantity > 0),
            Trades: trades.Count,
            WinningTrades: wins,
            InitialEquity: initialEquity,
            FinalEquity: finalEquity,
            TotalPnl: finalEquity - initialEquity,
            ReturnPct: (double)((finalEquity - initialEquity) / initialEquity) * 100.0,
            Sharpe: SharpeOf(timeframe, initialEquity, curve),
            MaxDrawdownPct: ddPct,
            MaxDrawdown: dd,
            WinRate: trades.Count == 0 ? 0 : (double)wins / trades.Count,
            Exposure: curve.Count == 0 ? 0 : (double)curve.Count(p => p.PositionQuantity != 0) / curve.Count,
            FeesPaid: ledger.FeesPaid,
            OrderListHash: HashOrders(orders));
    }

    public static double SharpeOf(Timeframe timeframe, decimal initialEquity, IReadOnlyList<EquityPoint> curve)
    {
        if (curve.Count < 2) return 0;
        var returns = new double[curve.Count];
        var previous = initialEquity;
        for (var i = 0; i < curve.Count; i++)
        {
            returns[i] = previous == 0 ? 0 : (double)(curve[i].Equity / previous - 1m);
            previous = curve[i].Equity;
        }
        var mean = returns.Average();
        var variance = returns.Sum(r => (r - mean) * (r - mean)) / (returns.Length - 1);
        if (!(variance > 0)) return 0;
        var barsPerYear = 365.0 * Timeframe.MsPerDay / timeframe.ApproximateMilliseconds;
        return mean / Math.Sqrt(variance) * Math.Sqrt(barsPerYear);
    }

    public static (double Pct, decimal Amount) MaxDrawdownOf(decimal initialEquity, IReadOnlyList<EquityPoint> curve)
    {
        var peak = initialEquity;
        decimal worst = 0, worstPct = 0;
        foreach (var p in curve)
        {
            if (p.Equity > peak) peak = p.Equity;
            var fall = peak - p.Equity;
            if (fall > worst) worst = fall;
            if (peak > 0 && fall / peak > worstPct) worstPct = fall / peak;
        }
        return ((double)worstPct * 100.0, worst);
    }

    public static string HashOrders(IEnumerable<LedgerOrder> orders)
    {
        var inv = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        foreach (var o in orders)
            text.Append(inv, $"{o.ClientOrderId},{o.Intent.Side},{o.Intent.Quantity},{o.Status},{o.AverageFillPrice},{o.TotalFee}\n");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
