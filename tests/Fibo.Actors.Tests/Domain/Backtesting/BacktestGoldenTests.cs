using Fibo.Actors.Domain.Backtesting;
using Fibo.Actors.Domain.Trading;
using Fibo.Messages.Trading;

namespace Fibo.Actors.Tests.Domain.Backtesting;

/// <summary>
/// Lean-style regression: two backtests over the repository's real ETH_BTC-5m sample with the oracle forecaster pin
/// their statistics and a hash of the order list. A change in the policy, the ledger, the paper broker or the
/// statistics moves these numbers: if the change is intended, re-pin them and say why in the commit.
/// </summary>
public class BacktestGoldenTests
{
    private static readonly Lazy<Fibo.Messages.MarketData.Candle[]> Candles = new(GoldenScenarios.EthBtc5m);

    [Fact]
    public void Seed_rule_with_the_oracle()
    {
        var r = GoldenScenarios.SeedRule(Candles.Value);
        var s = r.Statistics;
        Assert.Equal((5760, 5728, 2597, 2597, 1298, 742), (s.Candles, s.Predictions, s.Orders, s.FilledOrders, s.Trades, s.WinningTrades));
        Assert.Equal(10_224.3134842149727263015m, s.FinalEquity);
        Assert.Equal(224.3134842149727263015m, s.TotalPnl);
        Assert.Equal(260.4433322139181234985m, s.FeesPaid);
        Assert.Equal(4.5539911971089938054m, s.MaxDrawdown);
        Assert.Equal(2.2431348421497277, s.ReturnPct, 9);
        Assert.Equal(50.477403528481105, s.Sharpe, 9);
        Assert.Equal(0.044616432996929314, s.MaxDrawdownPct, 9);
        Assert.Equal(742.0 / 1298, s.WinRate, 12);
        Assert.Equal(0.5234375, s.Exposure, 12);
        Assert.Equal("10529308fcddd031a28325087f356e9b226174f838d96a981f288b4a64247acd", s.OrderListHash);
        Assert.Equal(new Dictionary<HoldReason, int> { [HoldReason.ShortNotAllowed] = 819, [HoldReason.BelowThreshold] = 1354, [HoldReason.PositionOpen] = 958 },
            r.Holds.OrderBy(kv => kv.Key).ToDictionary());
        Assert.Empty(r.Rejections);

        // Holds whatever the pinned values: the equity change is the ledger's realized PnL net of fees plus the open
        // position marked at the last close, and the fees are those of the closed trades plus the open one.
        var last = (decimal)Candles.Value[^1].Close;
        Assert.Equal(s.TotalPnl, r.Ledger.NetRealizedPnl + r.Ledger.UnrealizedPnl(_ => last));
        Assert.Equal(s.FeesPaid, r.Ledger.ClosedTrades.Sum(t => t.Fees) + r.Ledger.PositionOf(r.Series).TradeFees);
    }

    [Fact]
    public void Every_optional_feature_on()
    {
        var r = GoldenScenarios.AllFeatures(Candles.Value);
        var s = r.Statistics;
        Assert.Equal((5760, 5728, 1217, 1217, 608, 325), (s.Candles, s.Predictions, s.Orders, s.FilledOrders, s.Trades, s.WinningTrades));
        Assert.Equal(10_310.22758174212867457941645m, s.FinalEquity);
        Assert.Equal(811.47774582319894722303355m, s.FeesPaid);
        Assert.Equal(84.57661082404650859263090m, s.MaxDrawdown);
        Assert.Equal(14.50294225100146, s.Sharpe, 9);
        Assert.Equal(0.8136431361018933, s.MaxDrawdownPct, 9);
        Assert.Equal(0.14722222222222223, s.Exposure, 12);
        Assert.Equal("a699f4b0c407417f5756bd56003246ca99a5fefb65a302124fea0fcb45214a00", s.OrderListHash);
        var reasons = r.Orders.GroupBy(o => o.Intent.Reason).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(new Dictionary<IntentReason, int>
        {
            [IntentReason.Signal] = 609, [IntentReason.TakeProfit] = 271, [IntentReason.StopLoss] = 166, [IntentReason.OppositeSignal] = 171,
        }, reasons);
        Assert.Equal(2481, r.Holds[HoldReason.DailyLossLimit]);

        // Risk limits held on every entry; shorts happened; every fill paid the slippage.
        Assert.All(r.Orders.Where(o => o.Intent.Purpose == OrderPurpose.Entry), o => Assert.True(o.Intent.Quantity * o.Intent.ReferencePrice <= 800m));
        Assert.Contains(r.Orders, o => o.Intent.Purpose == OrderPurpose.Entry && o.Intent.Side == OrderSide.Sell);
        var opens = Candles.Value.ToDictionary(c => c.OpenTime, c => (decimal)c.Open);
        Assert.All(r.Orders.SelectMany(o => o.Fills.Select(f => (o.Intent.Side, f))), x =>
            Assert.Equal(opens[x.f.AtMs] * (x.Side == OrderSide.Buy ? 1.0005m : 0.9995m), x.f.Price));
    }

    [Fact]
    public void Same_input_same_orders()
    {
        Assert.Equal(GoldenScenarios.SeedRule(Candles.Value).Statistics, GoldenScenarios.SeedRule(Candles.Value).Statistics);
    }
}
