namespace Fibo.Actors.Domain.Prediction;

/// <summary>
/// One horizon of the fan (SEED-SPEC §7.7): price = P·e^r; the "68%" band P·e^(r ∓ σ) and the "55%" band
/// P·e^(r ∓ 0.76σ). These labels are the seed's and are not calibrated (see <see cref="ModelMeta.UncalibratedBandsNote"/>).
/// </summary>
public sealed record FanPoint(
    int Horizon,
    string Method,
    double LogReturn,
    double Volatility,
    double CurrentPrice,
    double Price,
    double Lower68,
    double Upper68,
    double Lower55,
    double Upper55,
    double Change,
    double ChangePct);

public static class FanForecast
{
    /// <summary>The seed's multiplier for its "55%" band.</summary>
    public const double Band55Sigmas = 0.76;

    /// <summary>
    /// For each requested horizon h: a trained horizon is used directly ("direct"); otherwise the seed's rule,
    /// r_h = r̂·s and σ_h = σ̂·√s with s = h/h_near ("scaling"), or, between two trained horizons of a multi-head
    /// model, linear interpolation ("interpolated").
    /// </summary>
    public static IReadOnlyList<FanPoint> Build(double currentPrice, IReadOnlyList<int> trainedHorizons,
        Func<int, (double Ret, double Vol)> atTrained, IEnumerable<int> horizons)
    {
        if (!(currentPrice > 0) || !double.IsFinite(currentPrice)) throw new InputException($"current price {currentPrice} must be a positive number");
        var points = new List<FanPoint>();
        foreach (var h in horizons)
        {
            if (h < 1) throw new InputException($"horizon {h} must be ≥ 1 bar");
            var plan = HorizonInterpolation.Plan(trainedHorizons, h);
            var (r, s) = HorizonInterpolation.Apply(plan, atTrained);
            var method = plan.Kind switch
            {
                HorizonInterpolation.PlanKind.Native => "direct",
                HorizonInterpolation.PlanKind.Scaled => "scaling",
                _ => "interpolated",
            };
            var price = currentPrice * Math.Exp(r);
            points.Add(new FanPoint(h, method, r, s, currentPrice, price,
                currentPrice * Math.Exp(r - s), currentPrice * Math.Exp(r + s),
                currentPrice * Math.Exp(r - Band55Sigmas * s), currentPrice * Math.Exp(r + Band55Sigmas * s),
                price - currentPrice, 100 * (price - currentPrice) / currentPrice));
        }
        return points;
    }

    /// <summary>The seed's <c>get_dominant_signal</c>: mean change_pct above 0.1 → BULLISH, below −0.1 → BEARISH.</summary>
    public static string DominantSignal(IReadOnlyList<FanPoint> fan)
    {
        if (fan.Count == 0) return "NEUTRAL";
        var mean = fan.Average(p => p.ChangePct);
        return mean > 0.1 ? "BULLISH" : mean < -0.1 ? "BEARISH" : "NEUTRAL";
    }
}
