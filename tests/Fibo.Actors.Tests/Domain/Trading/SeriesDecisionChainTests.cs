using Fibo.Actors.Domain.Prediction;
using Fibo.Actors.Domain.Trading;
using Fibo.Actors.Tests.Support;
using Fibo.Messages.Trading;

namespace Fibo.Actors.Tests.Domain.Trading;

public class SeriesDecisionChainTests
{
    private static SeriesDecisionChain NewChain(int seq = 2) =>
        new("paper", TestCandles.Series, new LogReturnWindow(seq), new TradingPolicy(new TradingPolicyOptions()));

    [Fact]
    public void Window_is_ready_after_enough_closed_candles_and_copies_oldest_first()
    {
        var chain = NewChain();
        var candles = TestCandles.FromCloses(1.0, 1.1, 1.21, 1.331);
        Assert.False(chain.OnCandle(candles[0]));
        Assert.False(chain.OnCandle(candles[1]));
        Assert.True(chain.OnCandle(candles[2]));
        var window = new double[chain.WindowSize];
        chain.CopyWindowTo(window);
        Assert.Equal(Math.Log(1.1), window[0], 12);
        Assert.Equal(candles[1].OpenTime, window[1]);
        Assert.Equal(Math.Log(1.21 / 1.1), window[2], 12);
        Assert.Equal(candles[2].OpenTime, window[3]);
    }

    [Fact]
    public void In_progress_duplicate_and_older_candles_never_reach_the_features()
    {
        var chain = NewChain(seq: 1);
        var candles = TestCandles.FromCloses(1.0, 1.1, 1.2);
        chain.OnCandle(candles[0]);
        Assert.False(chain.OnCandle(candles[1] with { IsClosed = false }));
        Assert.True(chain.OnCandle(candles[1]));
        Assert.False(chain.OnCandle(candles[1]));
        Assert.False(chain.OnCandle(candles[0]));
        Assert.Equal(candles[1].OpenTime, chain.LastCandleOpenTime);
        var window = new double[chain.WindowSize];
        chain.CopyWindowTo(window);
        Assert.Equal(Math.Log(1.1), window[0], 12); // the in-progress copy did not sneak in
    }

    [Fact]
    public void Decide_applies_the_policy_once_per_candle()
    {
        var chain = NewChain();
        var c = TestCandles.At(3, 1, 1);
        var now = c.OpenTime + TestCandles.Step;
        var first = chain.Decide(c, new Forecast(0.01, double.NaN), PositionView.Flat, AccountRiskView.Normal, now);
        Assert.Equal(OrderSide.Buy, first.Intent!.Side);
        Assert.Equal("paper", first.Intent.Account);
        Assert.Equal(c.OpenTime, chain.State.LastDecidedOpenTime);
        var replay = chain.Decide(c, new Forecast(0.01, double.NaN), PositionView.Flat, AccountRiskView.Normal, now);
        Assert.Equal(HoldReason.AlreadyDecided, replay.HoldReason);
    }

    [Fact]
    public void A_restored_guard_survives_a_restart()
    {
        var c = TestCandles.At(3, 1, 1);
        var chain = new SeriesDecisionChain("paper", TestCandles.Series, new LogReturnWindow(2), new TradingPolicy(new TradingPolicyOptions()),
            new PolicyState(c.OpenTime));
        Assert.Equal(HoldReason.AlreadyDecided,
            chain.Decide(c, new Forecast(0.01, double.NaN), PositionView.Flat, AccountRiskView.Normal, c.OpenTime + TestCandles.Step).HoldReason);
    }
}
