using Fibo.Actors.Domain.Exchange;

namespace Fibo.Actors.Tests.Domain.Exchange;

public class SymbolRulesTests
{
    // ETHBTC-like rules: lots of 0.0001, ticks of 0.00001, at least 0.0001 BTC per order.
    private static readonly SymbolRules EthBtc = new("ETHBTC",
        new LotSizeRule(0.0001m, 100000m, 0.0001m),
        null,
        new PriceRule(0.00001m, 922327m, 0.00001m),
        new NotionalRule(0.0001m, true, 9000000m, false));

    [Theory]
    [InlineData("0.123456789", "0.1234")]
    [InlineData("1.00009", "1")]
    [InlineData("0.002", "0.002")]
    [InlineData("2.5", "2.5")]
    public void Quantity_is_rounded_down_to_the_step(string requested, string expected)
    {
        var prepared = EthBtc.Prepare(isMarket: true, decimal.Parse(requested), null, referencePrice: 0.05m);
        Assert.True(prepared.IsAccepted, prepared.RefusalReason);
        Assert.Equal(decimal.Parse(expected), prepared.Quantity);
    }

    [Fact]
    public void Limit_price_goes_onto_the_tick_grid_in_the_safe_direction()
    {
        var buy = EthBtc.Prepare(isMarket: false, 1m, 0.0512349m, 0.05m, PriceRounding.Down);
        var sell = EthBtc.Prepare(isMarket: false, 1m, 0.0512341m, 0.05m, PriceRounding.Up);
        Assert.Equal(0.05123m, buy.Price);
        Assert.Equal(0.05124m, sell.Price);
        Assert.Null(EthBtc.Check(false, buy.Quantity, buy.Price, 0.05m));
        Assert.Null(EthBtc.Check(false, sell.Quantity, sell.Price, 0.05m));
    }

    [Fact]
    public void Below_min_quantity_is_refused_with_the_filter_and_the_numbers()
    {
        var prepared = EthBtc.Prepare(isMarket: true, 0.00009m, null, 0.05m);
        Assert.False(prepared.IsAccepted);
        Assert.Equal("LOT_SIZE", prepared.FailedFilter);
        Assert.Contains("0.00009", prepared.RefusalReason);
        Assert.Contains("minimum 0.0001", prepared.RefusalReason);
    }

    [Fact]
    public void Below_min_notional_is_refused_after_rounding()
    {
        // 0.00199 rounds down to 0.0019; 0.0019 × 0.05 = 0.000095 BTC < 0.0001.
        var prepared = EthBtc.Prepare(isMarket: true, 0.00199m, null, 0.05m);
        Assert.False(prepared.IsAccepted);
        Assert.Equal("NOTIONAL", prepared.FailedFilter);
        Assert.Equal(0.0019m, prepared.Quantity);
        Assert.Contains("0.000095", prepared.RefusalReason);
        Assert.Contains("after rounding 0.00199 down to the step", prepared.RefusalReason);
    }

    [Fact]
    public void Market_orders_skip_min_notional_when_the_filter_says_so()
    {
        var rules = EthBtc with { Notional = new NotionalRule(1m, ApplyMinToMarket: false, null, false) };
        Assert.True(rules.Prepare(true, 0.01m, null, 0.05m).IsAccepted);
        Assert.Equal("NOTIONAL", rules.Prepare(false, 0.01m, 0.05m, 0.05m).FailedFilter);
    }

    [Fact]
    public void Exchange_side_check_refuses_what_is_off_the_grid()
    {
        Assert.Equal("LOT_SIZE", EthBtc.Check(true, 0.00215m, null, 0.05m)?.Filter);
        Assert.Equal("PRICE_FILTER", EthBtc.Check(false, 1m, 0.050001m, 0.05m)?.Filter);
        Assert.Null(EthBtc.Check(true, 0.0021m, null, 0.05m));
    }

    [Fact]
    public void Above_max_quantity_is_refused_not_silently_capped()
    {
        var prepared = EthBtc.Prepare(true, 100000.5m, null, 0.05m);
        Assert.False(prepared.IsAccepted);
        Assert.Contains("above the maximum", prepared.RefusalReason);
    }
}
