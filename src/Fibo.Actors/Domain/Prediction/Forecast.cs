namespace Fibo.Actors.Domain.Prediction;

/// <summary>One window's prediction: the h-bar log return and the volatility head's σ̂ (per-bar, as the target).</summary>
public readonly record struct Forecast(double Ret, double Vol);

/// <summary>Predictions for a batch of windows at every trained horizon.</summary>
public sealed class ForecastBatch
{
    private readonly float[][] _ret;
    private readonly float[][] _vol;

    public ForecastBatch(IReadOnlyList<int> horizons, int primaryHorizon, float[][] ret, float[][] vol)
    {
        Horizons = horizons;
        PrimaryHorizon = primaryHorizon;
        _ret = ret;
        _vol = vol;
        Count = ret.Length == 0 ? 0 : ret[0].Length;
    }

    public IReadOnlyList<int> Horizons { get; }
    public int PrimaryHorizon { get; }
    public int Count { get; }

    /// <summary>The prediction at the model's native/primary horizon.</summary>
    public Forecast this[int row] => At(row, PrimaryHorizon);

    public Forecast At(int row, int trainedHorizon)
    {
        var h = IndexOf(trainedHorizon);
        return new Forecast(_ret[h][row], _vol[h][row]);
    }

    /// <summary>Any horizon: trained ones directly, others by the seed's scaling/interpolation rule (§6.2, §7.7).</summary>
    public Forecast Interpolated(int row, int horizon)
    {
        var plan = HorizonInterpolation.Plan(Horizons, horizon);
        var (r, v) = HorizonInterpolation.Apply(plan, h => { var f = At(row, h); return (f.Ret, f.Vol); });
        return new Forecast(r, v);
    }

    public Forecast[] Primary()
    {
        var result = new Forecast[Count];
        for (var i = 0; i < Count; i++) result[i] = this[i];
        return result;
    }

    private int IndexOf(int horizon)
    {
        for (var i = 0; i < Horizons.Count; i++) if (Horizons[i] == horizon) return i;
        throw new ArgumentException($"Horizon {horizon} not in trained horizons [{string.Join(", ", Horizons)}]", nameof(horizon));
    }
}
