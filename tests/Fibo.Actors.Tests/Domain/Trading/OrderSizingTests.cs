using Fibo.Actors.Domain.Backtesting;
using Fibo.Actors.Domain.Exchange;
using Fibo.Actors.Domain.Trading;
using Fibo.Actors.Tests.Support;
using Fibo.Messages.Trading;
using static Fibo.Actors.Tests.Domain.Trading.LedgerTestData;

namespace Fibo.Actors.Tests.Domain.Trading;

/// <summary>
/// Intents are sized to the exchange's filters before they are recorded, and what an exit leaves that no order could
/// sell is dust: out of the position (flat for the policy), kept in the ledger's dust balances.
/// </summary>
public class OrderSizingTests
{
    // Lots of 0.001, at least 0.01, orders worth at least 1 (quote).
    private static readonly SymbolRules Rules = new PaperFilters { StepSize = 0.001m, MinQty = 0.01m, MinNotional = 1m }.RulesFor(S.Symbol);

    [Fact]
    public void An_entry_is_rounded_down_to_the_lot_step_and_keeps_everything_else()
    {
        var intent = Intent(OrderSide.Buy, 1.23456789m, price: 100m);
        var sized = OrderSizing.Fit(intent, Rules, Position.Flat(S));
        Assert.True(sized.IsAccepted);
        Assert.Equal(intent with { Quantity = 1.234m }, sized.Intent);

        var onGrid = Intent(OrderSide.Buy, 1.50000000m);
        Assert.Same(onGrid, OrderSizing.Fit(onGrid, Rules, Position.Flat(S)).Intent); // already on the grid: untouched, scale and all
    }

    [Theory]
    [InlineData("0.0099", "100", "LOT_SIZE")]  // under minQty
    [InlineData("0.015", "50", "NOTIONAL")]    // 0.015 × 50 = 0.75 < 1
    public void An_entry_the_exchange_would_refuse_is_not_recorded_and_says_which_filter(string quantity, string price, string filter)
    {
        var sized = OrderSizing.Fit(Intent(OrderSide.Buy, decimal.Parse(quantity), decimal.Parse(price)), Rules, Position.Flat(S));
        Assert.False(sized.IsAccepted);
        Assert.False(sized.PositionIsDust);
        Assert.Contains(filter, sized.Refusal);
        Assert.Contains("entry of ETH_BTC-5m not sent", sized.Refusal);
    }

    [Fact]
    public void An_exit_sells_what_the_grid_allows_and_a_position_too_small_to_sell_is_dust()
    {
        // 0.0999 bought with a 0.0001 commission in the base asset: only 0.099 can be sold.
        var position = Given(FullyFilled(Intent(OrderSide.Buy, 0.1m), 100m, 0m)).PositionOf(S) with { Quantity = 0.0999m };
        var exit = OrderSizing.Fit(Intent(OrderSide.Sell, 0.0999m, candle: 3), Rules, position);
        Assert.Equal(0.099m, exit.Intent!.Quantity);

        var tiny = position with { Quantity = 0.0009m };
        var dust = OrderSizing.Fit(Intent(OrderSide.Sell, 0.0009m, candle: 3), Rules, tiny);
        Assert.False(dust.IsAccepted);
        Assert.True(dust.PositionIsDust);
        Assert.True(OrderSizing.IsDust(Rules, 0.0009m, 100m));
        Assert.False(OrderSizing.IsDust(Rules, 0.02m, 100m));
    }

    [Fact]
    public void The_remainder_an_exit_leaves_is_swept_to_dust_and_the_series_is_flat()
    {
        var buy = Intent(OrderSide.Buy, 0.1m);
        var sell = Intent(OrderSide.Sell, 0.099m, 110m, candle: 3);
        var ledger = Given(
        [
            new AccountFunded(A, "seed", "BTC", 100m, 0),
            Recorded(buy), Submitted(buy), Acked(buy), new OrderFilled(A, buy.ClientOrderId, "f1", 0.1m, 100m, 0.0001m, 4, "ETH"),
            .. FullyFilled(sell, 110m, 0.01089m, 10),
        ]);
        Assert.Equal(0.0009m, ledger.PositionOf(S).Quantity);

        var sweep = OrderSizing.DustAfterFill(ledger, ledger.Orders[sell.ClientOrderId], Rules, 11);
        Assert.NotNull(sweep);
        var decision = ledger.Decide(sweep);
        var swept = Assert.IsType<PositionDustSwept>(Assert.Single(decision.Events));
        Assert.Equal(0.0009m, swept.Quantity);
        ledger = ledger.EvolveAll(decision.Events);

        Assert.True(ledger.PositionOf(S).IsFlat);
        Assert.True(ledger.PositionView(S).IsFlat); // the policy may enter again
        Assert.Equal(0.0009m, ledger.DustOf(S));
        var trade = Assert.Single(ledger.ClosedTrades);
        Assert.Equal(0.099m * 10m, trade.GrossPnl);
        Assert.Equal(110m, trade.AverageExitPrice);
        Assert.Equal(ledger.CashOf("BTC") + 0.0009m * 120m, ledger.Equity("BTC", _ => 120m)); // dust still counts, at the mark
        Assert.Equal(ledger.ToSnapshot(), Ledger.FromSnapshot(ledger.ToSnapshot()).ToSnapshot());
        Assert.Null(OrderSizing.DustAfterFill(ledger, ledger.Orders[sell.ClientOrderId], Rules, 12)); // nothing left to sweep
        Assert.Empty(ledger.Decide(sweep).Events);                                                      // and sweeping again changes nothing
    }

    [Fact]
    public void A_sweep_is_refused_while_an_order_is_in_flight_or_when_the_position_changed()
    {
        var buy = Intent(OrderSide.Buy, 0.1m);
        var open = Given(FullyFilled(buy, 100m, 0m));
        ThenRejected(open.Decide(new SweepDust(A, S, 0.05m, "stale", 5)), LedgerRejectionCode.InvalidCommand);
        var sell = Intent(OrderSide.Sell, 0.1m, candle: 3);
        var pending = open.EvolveAll([Recorded(sell), Submitted(sell)]);
        ThenRejected(pending.Decide(new SweepDust(A, S, 0.1m, "in flight", 5)), LedgerRejectionCode.OrderPending);
    }

    [Fact]
    public void A_remainder_worth_selling_is_not_dust()
    {
        var buy = Intent(OrderSide.Buy, 1m);
        var sell = Intent(OrderSide.Sell, 0.5m, 110m, candle: 3);
        var ledger = Given([.. FullyFilled(buy, 100m, 0m), .. FullyFilled(sell, 110m, 0m, 10)]);
        Assert.Null(OrderSizing.DustAfterFill(ledger, ledger.Orders[sell.ClientOrderId], Rules, 11));
    }

    [Fact]
    public void The_backtester_sizes_with_its_filters_and_every_recorded_quantity_is_on_the_grid()
    {
        var candles = TestCandles.LoadRepoCsv("data/sample/ETH_BTC-5m.csv", TestCandles.Step)[..600];
        var options = new BacktestOptions { Filters = new PaperFilters { StepSize = 0.5m, MinQty = 1m, MinNotional = 0.01m } };
        BacktestResult Run(BacktestOptions o) => new Backtester(o, () => new LogReturnWindow(8), new OracleForecaster(candles, 8)).Run(S, candles);

        var result = Run(options);
        Assert.True(result.Orders.Count() >= 10, $"{result.Orders.Count()} orders");
        Assert.All(result.Orders, o => Assert.Equal(0m, (o.Intent.Quantity - 1m) % 0.5m));
        Assert.All(result.Orders, o => Assert.Equal(OrderStatus.Filled, o.Status));
        Assert.Empty(result.Rejections);
        Assert.Empty(result.Ledger.Dust); // quote fees: exits sell exactly what entries bought

        // Without filters, the seed's 8-decimal sizing: the same decisions, other quantities.
        var plain = Run(options with { Filters = PaperFilters.None });
        Assert.Equal(result.Orders.Select(o => o.ClientOrderId), plain.Orders.Select(o => o.ClientOrderId));
        Assert.Contains(plain.Orders, o => (o.Intent.Quantity - 1m) % 0.5m != 0m);
    }

    [Fact]
    public void The_backtester_skips_entries_below_the_minimum_notional()
    {
        var candles = TestCandles.LoadRepoCsv("data/sample/ETH_BTC-5m.csv", TestCandles.Step)[..600];
        // Entries are worth 100 BTC (10,000 · 1 %): a 1,000 BTC minimum refuses every one, so nothing trades.
        var options = new BacktestOptions { Filters = new PaperFilters { MinNotional = 1000m } };
        var result = new Backtester(options, () => new LogReturnWindow(8), new OracleForecaster(candles, 8)).Run(S, candles);
        Assert.Empty(result.Orders);
        Assert.NotEmpty(result.Rejections);
        Assert.All(result.Rejections, r => Assert.Contains("minimum notional", r.Message));
    }
}
