namespace Fibo.Actors.Domain.Trading;

/// <summary>
/// The model's output for one window: the predicted log-return over the horizon (return head) and the predicted
/// per-bar volatility (volatility head; NaN when the model has none).
/// </summary>
public readonly record struct Forecast(double Return, double Volatility)
{
    /// <summary>True when the volatility head gave a usable, strictly positive value.</summary>
    public bool HasVolatility => double.IsFinite(Volatility) && Volatility > 0;
}
