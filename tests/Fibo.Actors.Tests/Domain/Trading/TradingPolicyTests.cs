using Fibo.Actors.Domain;
using Fibo.Actors.Domain.Prediction;
using Fibo.Actors.Domain.Trading;
using Fibo.Actors.Tests.Support;
using Fibo.Messages.MarketData;
using Fibo.Messages.Trading;

namespace Fibo.Actors.Tests.Domain.Trading;

public class TradingPolicyTests
{
    private const string Account = "paper";
    private static readonly Candle C0 = TestCandles.At(0, 0.1, 0.1, 0.099, 0.101);
    private static long Now(Candle c) => c.OpenTime + TestCandles.Step;

    private static TradingDecision Decide(
        TradingPolicyOptions options, double pred, PositionView? position = null, AccountRiskView? risk = null,
        Candle? candle = null, PolicyState state = default, long? now = null, double vol = double.NaN)
    {
        var c = candle ?? C0;
        var input = new DecisionInput(Account, TestCandles.Series, c, new Forecast(pred, vol),
            position ?? PositionView.Flat, risk ?? AccountRiskView.Normal, now ?? Now(c));
        return new TradingPolicy(options).Decide(state, input);
    }

    private static readonly TradingPolicyOptions Seed = new();

    [Theory]
    [InlineData(0.0005, HoldReason.BelowThreshold)]   // |pred| must be strictly greater
    [InlineData(0.0004999, HoldReason.BelowThreshold)]
    [InlineData(0.0, HoldReason.BelowThreshold)]
    [InlineData(-0.0005, HoldReason.BelowThreshold)]
    [InlineData(double.NaN, HoldReason.BelowThreshold)]
    [InlineData(-0.0006, HoldReason.ShortNotAllowed)] // long only by default
    public void Holds_at_and_inside_the_threshold(double pred, HoldReason reason)
    {
        var d = Decide(Seed, pred);
        Assert.Equal(DecisionKind.Hold, d.Kind);
        Assert.Equal(reason, d.HoldReason);
        Assert.Null(d.Intent);
    }

    [Fact]
    public void Buys_just_above_the_threshold_with_the_seed_size()
    {
        var d = Decide(Seed, 0.00050001);
        Assert.Equal(DecisionKind.Enter, d.Kind);
        var intent = d.Intent!;
        Assert.Equal(OrderSide.Buy, intent.Side);
        Assert.Equal(OrderPurpose.Entry, intent.Purpose);
        Assert.Equal(IntentReason.Signal, intent.Reason);
        // 10,000 · 0.01 / 0.1 = 1000 base units; reference price is the close.
        Assert.Equal(1000m, intent.Quantity);
        Assert.Equal(0.1m, intent.ReferencePrice);
        Assert.Equal(C0.OpenTime, intent.CandleOpenTime);
        Assert.Equal(ClientOrderIds.For(Account, TestCandles.Series, C0.OpenTime, OrderSide.Buy), intent.ClientOrderId);
        Assert.Null(intent.StopLoss);
        Assert.Null(intent.TakeProfit);
    }

    [Fact]
    public void Size_is_rounded_down_to_the_quantity_step()
    {
        var c = TestCandles.At(0, 0.0995, 0.0995);
        var d = Decide(Seed, 0.001, candle: c);
        // 100 / 0.0995 = 1005.0251256281407...; floored to 1e-8.
        Assert.Equal(1005.02512562m, d.Intent!.Quantity);
        var coarse = Decide(Seed with { QuantityStep = 0.001m }, 0.001, candle: c);
        Assert.Equal(1005.025m, coarse.Intent!.Quantity);
    }

    [Fact]
    public void Shorts_only_when_allowed()
    {
        var d = Decide(Seed with { Risk = new RiskLimits { AllowShort = true } }, -0.001);
        Assert.Equal(DecisionKind.Enter, d.Kind);
        Assert.Equal(OrderSide.Sell, d.Intent!.Side);
        Assert.Equal(1000m, d.Intent.Quantity);
    }

    [Fact]
    public void No_repeat_buy_into_an_open_long()
    {
        var d = Decide(Seed, 0.01, new PositionView(1000m, 0.1m, null, null, false));
        Assert.Equal(HoldReason.PositionOpen, d.HoldReason);
    }

    [Fact]
    public void Exits_the_whole_long_on_the_opposite_signal()
    {
        var d = Decide(Seed, -0.001, new PositionView(1234.5m, 0.09m, null, null, false));
        Assert.Equal(DecisionKind.Exit, d.Kind);
        Assert.Equal(OrderSide.Sell, d.Intent!.Side);
        Assert.Equal(OrderPurpose.Exit, d.Intent.Purpose);
        Assert.Equal(IntentReason.OppositeSignal, d.Intent.Reason);
        Assert.Equal(1234.5m, d.Intent.Quantity);
    }

    [Fact]
    public void Exit_on_opposite_signal_can_be_turned_off()
    {
        var d = Decide(Seed with { ExitOnOppositeSignal = false }, -0.001, new PositionView(10m, 0.09m, null, null, false));
        Assert.Equal(HoldReason.PositionOpen, d.HoldReason);
    }

    [Fact]
    public void Covers_a_short_on_a_buy_signal()
    {
        var options = Seed with { Risk = new RiskLimits { AllowShort = true } };
        var d = Decide(options, 0.001, new PositionView(-50m, 0.11m, null, null, false));
        Assert.Equal(OrderSide.Buy, d.Intent!.Side);
        Assert.Equal(OrderPurpose.Exit, d.Intent.Purpose);
        Assert.Equal(50m, d.Intent.Quantity);
    }

    [Fact]
    public void Holds_a_position_while_the_signal_is_weak()
    {
        var d = Decide(Seed, 0.0001, new PositionView(10m, 0.09m, null, null, false));
        Assert.Equal(HoldReason.BelowThreshold, d.HoldReason);
    }

    [Fact]
    public void Exactly_one_decision_per_candle()
    {
        var policy = new TradingPolicy(Seed);
        var state = PolicyState.Initial;
        var input = new DecisionInput(Account, TestCandles.Series, C0, new Forecast(0.01, double.NaN), PositionView.Flat, AccountRiskView.Normal, Now(C0));
        var first = policy.Decide(state, input);
        state = state.Evolve(first);
        var again = policy.Decide(state, input);
        Assert.Equal(DecisionKind.Enter, first.Kind);
        Assert.Equal(HoldReason.AlreadyDecided, again.HoldReason);

        // An older candle is not decided either; the next one is.
        var older = policy.Decide(state, input with { Candle = TestCandles.At(-1, 0.1, 0.1) });
        Assert.Equal(HoldReason.AlreadyDecided, older.HoldReason);
        var next = TestCandles.At(1, 0.1, 0.1);
        Assert.Equal(DecisionKind.Enter, policy.Decide(state, input with { Candle = next, NowMs = Now(next) }).Kind);
    }

    [Fact]
    public void A_hold_also_uses_up_the_candle_but_ineligible_candles_do_not()
    {
        var hold = Decide(Seed, 0.0);
        Assert.Equal(C0.OpenTime, PolicyState.Initial.Evolve(hold).LastDecidedOpenTime);

        var open = C0 with { IsClosed = false };
        var notClosed = Decide(Seed, 0.01, candle: open);
        Assert.Equal(HoldReason.CandleNotClosed, notClosed.HoldReason);
        Assert.Null(PolicyState.Initial.Evolve(notClosed).LastDecidedOpenTime);
    }

    [Theory]
    [InlineData(0, false)]            // decided right at the close
    [InlineData(600_000, false)]      // exactly 2 periods late: still fresh
    [InlineData(600_001, true)]       // more than 2 periods late
    public void Stale_candles_are_not_traded(long lateMs, bool stale)
    {
        var d = Decide(Seed, 0.01, now: Now(C0) + lateMs);
        Assert.Equal(stale ? HoldReason.StaleCandle : HoldReason.None, d.HoldReason);
        Assert.Equal(DecisionKind.Enter, Decide(Seed with { StaleAfterPeriods = null }, 0.01, now: Now(C0) + 10 * 600_001).Kind);
    }

    [Fact]
    public void Kill_switch_blocks_entries_and_exits()
    {
        var halted = new AccountRiskView(true, "operator", 0m);
        Assert.Equal(HoldReason.TradingHalted, Decide(Seed, 0.01, risk: halted).HoldReason);
        Assert.Equal(HoldReason.TradingHalted, Decide(Seed, -0.01, new PositionView(10m, 0.1m, null, null, false), halted).HoldReason);
    }

    [Fact]
    public void Daily_loss_limit_blocks_entries_but_lets_exits_through()
    {
        var options = Seed with { Risk = new RiskLimits { DailyLossLimit = 50m } };
        Assert.Equal(DecisionKind.Enter, Decide(options, 0.01, risk: new AccountRiskView(false, null, -49.99m)).Kind);
        Assert.Equal(HoldReason.DailyLossLimit, Decide(options, 0.01, risk: new AccountRiskView(false, null, -50m)).HoldReason);
        var exit = Decide(options, -0.01, new PositionView(10m, 0.1m, null, null, false), new AccountRiskView(false, null, -80m));
        Assert.Equal(DecisionKind.Exit, exit.Kind);
    }

    [Fact]
    public void Waits_while_an_order_is_in_flight()
    {
        Assert.Equal(HoldReason.OrderPending, Decide(Seed, 0.01, new PositionView(0m, 0m, null, null, true)).HoldReason);
    }

    [Fact]
    public void Max_position_notional_caps_the_entry()
    {
        var d = Decide(Seed with { Risk = new RiskLimits { MaxPositionNotional = 40m } }, 0.01);
        Assert.Equal(400m, d.Intent!.Quantity); // 40 / 0.1
    }

    [Fact]
    public void Volatility_sizing_scales_inversely_with_sigma_and_is_capped()
    {
        var options = Seed with { VolatilitySizing = new VolatilitySizingOptions { RiskPerTrade = 0.0001m, MaxPositionPct = 0.05m } };
        // notional = 10,000 · 0.0001 / 0.004 = 250 → 2,500 units at 0.1
        Assert.Equal(2500m, Decide(options, 0.01, vol: 0.004).Intent!.Quantity);
        // σ = 0.0005 → 2,000 notional, capped at 5 % of 10,000 = 500 → 5,000 units
        Assert.Equal(5000m, Decide(options, 0.01, vol: 0.0005).Intent!.Quantity);
        // no usable σ: the seed size
        Assert.Equal(1000m, Decide(options, 0.01, vol: double.NaN).Intent!.Quantity);
    }

    [Fact]
    public void Stop_loss_and_take_profit_come_from_sigma()
    {
        var options = Seed with { StopLossSigmas = 2.0, TakeProfitSigmas = 3.0 };
        var d = Decide(options, 0.01, vol: 0.01);
        Assert.Equal(0.1m * (1 - 0.02m), d.Intent!.StopLoss);
        Assert.Equal(0.1m * (1 + 0.03m), d.Intent.TakeProfit);

        var shortOptions = options with { Risk = new RiskLimits { AllowShort = true } };
        var s = Decide(shortOptions, -0.01, vol: 0.01);
        Assert.Equal(0.1m * (1 + 0.02m), s.Intent!.StopLoss);
        Assert.Equal(0.1m * (1 - 0.03m), s.Intent.TakeProfit);
    }

    [Theory]
    [InlineData(0.0979, 0.1010, IntentReason.StopLoss)]
    [InlineData(0.0990, 0.1031, IntentReason.TakeProfit)]
    [InlineData(0.0979, 0.1031, IntentReason.StopLoss)] // both touched: assume the worse came first
    public void Protective_exits_trigger_on_the_candle_range(double low, double high, IntentReason reason)
    {
        var position = new PositionView(1000m, 0.1m, 0.098m, 0.103m, false);
        var candle = TestCandles.At(0, 0.1, 0.1, low, high);
        var d = Decide(Seed, 0.01 /* bullish: no signal exit */, position, candle: candle);
        Assert.Equal(DecisionKind.Exit, d.Kind);
        Assert.Equal(reason, d.Intent!.Reason);
        Assert.Equal(1000m, d.Intent.Quantity);
    }

    [Fact]
    public void Too_small_a_size_is_skipped_not_rounded_up()
    {
        var d = Decide(Seed with { Equity = 0.000001m }, 0.01, candle: TestCandles.At(0, 30000, 30000));
        Assert.Equal(HoldReason.QuantityTooSmall, d.HoldReason);
    }

    [Fact]
    public void Unusable_prices_are_not_traded()
    {
        Assert.Equal(HoldReason.InvalidPrice, Decide(Seed, 0.01, candle: TestCandles.At(0, 0.1, double.NaN, 0.1, 0.1)).HoldReason);
        Assert.Equal(HoldReason.InvalidPrice, Decide(Seed, 0.01, candle: TestCandles.At(0, 0.1, 0, 0, 0.1)).HoldReason);
    }

    [Fact]
    public void Bad_options_name_the_option()
    {
        var e = Assert.Throws<InputException>(() => new TradingPolicy(Seed with { PositionPct = 2m }));
        Assert.Contains("PositionPct", e.Message);
        e = Assert.Throws<InputException>(() => new TradingPolicy(Seed with { Risk = new RiskLimits { DailyLossLimit = -1m } }));
        Assert.Contains("DailyLossLimit", e.Message);
        e = Assert.Throws<InputException>(() => new TradingPolicy(Seed with { VolatilitySizing = new VolatilitySizingOptions { RiskPerTrade = 0m } }));
        Assert.Contains("RiskPerTrade", e.Message);
        e = Assert.Throws<InputException>(() => new TradingPolicy(Seed with { Threshold = double.NaN }));
        Assert.Contains("Threshold", e.Message);
    }
}
