namespace Fibo.Actors.Domain.Prediction;

/// <summary>
/// How <c>predict_interpolated</c> reaches a horizon from the trained ones (SEED-SPEC §6.2). Pure arithmetic, shared
/// by the tensor path and the plain-number path of the inference engine.
/// </summary>
public static class HorizonInterpolation
{
    public enum PlanKind { Native, Scaled, Interpolated }

    /// <param name="Low">The trained horizon used (or the lower neighbour when interpolating).</param>
    /// <param name="High">The upper neighbour when interpolating, else equal to Low.</param>
    /// <param name="Scale">s = h / h_near when scaling (ret·s, vol·√s), else 1.</param>
    /// <param name="WeightHigh">w_hi = (h − h_lo)/(h_hi − h_lo) when interpolating, else 0.</param>
    public readonly record struct InterpolationPlan(PlanKind Kind, int Low, int High, double Scale, double WeightHigh);

    public static InterpolationPlan Plan(IReadOnlyList<int> trained, int horizon)
    {
        if (trained.Count == 0) throw new ArgumentException("no trained horizons", nameof(trained));
        if (trained.Contains(horizon)) return new(PlanKind.Native, horizon, horizon, 1, 0);
        var min = trained.Min();
        var max = trained.Max();
        if (horizon < min) return new(PlanKind.Scaled, min, min, (double)horizon / min, 0);
        if (horizon > max) return new(PlanKind.Scaled, max, max, (double)horizon / max, 0);
        var lo = trained.Where(t => t < horizon).Max();
        var hi = trained.Where(t => t > horizon).Min();
        return new(PlanKind.Interpolated, lo, hi, 1, (double)(horizon - lo) / (hi - lo));
    }

    /// <summary>Applies a plan to plain numbers: the per-horizon predictions of one window.</summary>
    public static (double Ret, double Vol) Apply(InterpolationPlan plan, Func<int, (double Ret, double Vol)> atTrained)
    {
        var (rLo, vLo) = atTrained(plan.Low);
        switch (plan.Kind)
        {
            case PlanKind.Native: return (rLo, vLo);
            case PlanKind.Scaled: return (rLo * plan.Scale, vLo * Math.Sqrt(plan.Scale));
            default:
                var (rHi, vHi) = atTrained(plan.High);
                var w = plan.WeightHigh;
                return (rLo * (1 - w) + rHi * w, vLo * (1 - w) + vHi * w);
        }
    }
}
