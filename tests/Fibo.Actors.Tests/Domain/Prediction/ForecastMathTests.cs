using Fibo.Actors.Domain;
using Fibo.Actors.Domain.Prediction;

namespace Fibo.Actors.Tests.Domain.Prediction;

/// <summary>The fan (§7.7), the interpolation rule (§6.2) and the evaluation against naive baselines.</summary>
public class ForecastMathTests
{
    [Fact]
    public void The_fan_scales_return_linearly_and_volatility_by_the_square_root_as_the_seed()
    {
        var fan = FanForecast.Build(100, [4], _ => (0.02, 0.01), [1, 4, 16]);

        Assert.Equal(["scaling", "direct", "scaling"], fan.Select(p => p.Method));
        Assert.Equal(0.005, fan[0].LogReturn, 12);
        Assert.Equal(0.005, fan[0].Volatility, 12);
        Assert.Equal(0.08, fan[2].LogReturn, 12);
        Assert.Equal(0.02, fan[2].Volatility, 12);
        var p = fan[1];
        Assert.Equal(100 * Math.Exp(0.02), p.Price, 10);
        Assert.Equal(100 * Math.Exp(0.01), p.Lower68, 10);
        Assert.Equal(100 * Math.Exp(0.03), p.Upper68, 10);
        Assert.Equal(100 * Math.Exp(0.02 - 0.0076), p.Lower55, 10);
        Assert.Equal(100 * Math.Exp(0.02 + 0.0076), p.Upper55, 10);
        Assert.Equal(p.Price - 100, p.Change, 10);
        Assert.Equal(p.Price - 100, p.ChangePct, 10);
        Assert.Equal("BULLISH", FanForecast.DominantSignal(fan));
        Assert.Equal("NEUTRAL", FanForecast.DominantSignal(FanForecast.Build(100, [4], _ => (0.0001, 0.01), [1, 4])));
    }

    [Fact]
    public void A_multi_head_fan_interpolates_between_trained_horizons()
    {
        var fan = FanForecast.Build(50, [2, 6], h => h == 2 ? (0.01, 0.02) : (0.03, 0.04), [4, 6, 12]);
        Assert.Equal(["interpolated", "direct", "scaling"], fan.Select(p => p.Method));
        Assert.Equal(0.02, fan[0].LogReturn, 12);
        Assert.Equal(0.03, fan[0].Volatility, 12);
        Assert.Equal(0.06, fan[2].LogReturn, 12);
        Assert.Equal(0.04 * Math.Sqrt(2), fan[2].Volatility, 12);
    }

    [Fact]
    public void Bad_fan_inputs_are_refused()
    {
        Assert.Throws<InputException>(() => FanForecast.Build(0, [4], _ => (0, 0), [1]));
        Assert.Throws<InputException>(() => FanForecast.Build(10, [4], _ => (0, 0), [0]));
    }

    [Fact]
    public void Evaluation_scores_the_model_and_both_naive_baselines()
    {
        double[] actual = [0.01, -0.02, 0.03, -0.01];
        double[] model = [0.02, -0.01, 0.01, 0.01];
        double[] last = [-0.01, -0.01, 0.02, 0.02];
        double[] vol = [0.01, 0.02, 0.03, 0.04];
        var e = ForecastEvaluation.Evaluate(4, model, [0.01, 0.02, 0.03, 0.05], actual, vol, last, [0.02, 0.02, 0.02, 0.02]);

        Assert.Equal(4, e.Count);
        Assert.Equal((0.01 + 0.01 + 0.02 + 0.02) / 4, e.Model.Mae, 12);
        Assert.Equal(Math.Sqrt((1e-4 + 1e-4 + 4e-4 + 4e-4) / 4), e.Model.Rmse, 12);
        Assert.Equal(0.75, e.Model.DirectionalAccuracy);
        Assert.Equal(actual.Average(Math.Abs), e.ZeroReturn.Mae, 12);
        Assert.Null(e.ZeroReturn.DirectionalAccuracy); // makes no directional call
        Assert.Equal(0.5, e.LastReturn.DirectionalAccuracy);
        Assert.Equal(1.0, e.ModelVolatility.Correlation!.Value, 1); // near-perfect vol forecast
        Assert.Null(e.LastVolatility.Correlation); // a constant forecast has no correlation
    }
}
