using Fibo.Actors.Domain.Prediction;
using Fibo.Messages.MarketData;
using Fibo.Messages.Primitives;

namespace Fibo.Actors.Domain.Trading;

/// <summary>
/// The per-series decision path shared by the backtester and the series actor: candle → feature window →
/// (forecast, computed by the caller, batched across series) → policy, once per closed candle.
/// <code>
/// if (chain.OnCandle(candle)) { chain.CopyWindowTo(buffer); /* forecaster.Predict */ ;
///     var decision = chain.Decide(candle, forecast, ledger.PositionView(series), ledger.RiskView(now), now); }
/// </code>
/// Not thread-safe: one owner (an actor or the backtester) drives it.
/// </summary>
public sealed class SeriesDecisionChain
{
    public SeriesDecisionChain(string account, SeriesKey series, IFeatureWindow window, TradingPolicy policy, PolicyState state = default)
    {
        if (string.IsNullOrWhiteSpace(account)) throw new ArgumentException("an account id is required", nameof(account));
        Account = account;
        Series = series;
        Window = window;
        Policy = policy;
        State = state;
    }

    public string Account { get; }
    public SeriesKey Series { get; }
    public IFeatureWindow Window { get; }
    public TradingPolicy Policy { get; }

    /// <summary>The once-per-candle guard; restore it on restart to avoid re-deciding (the ledger dedups anyway).</summary>
    public PolicyState State { get; private set; }

    /// <summary>Open time of the last candle fed to the window.</summary>
    public long? LastCandleOpenTime { get; private set; }

    /// <summary>Doubles in one window: <c>SequenceLength × FeatureCount</c>.</summary>
    public int WindowSize => Window.SequenceLength * Window.FeatureCount;

    /// <summary>
    /// Feeds a candle to the feature window. In-progress candles and candles not newer than the last one fed are
    /// ignored (features use closed candles only, each once). True when a window ending at this candle is ready.
    /// </summary>
    public bool OnCandle(Candle candle)
    {
        if (!candle.IsClosed) return false;
        if (LastCandleOpenTime is { } last && candle.OpenTime <= last) return false;
        LastCandleOpenTime = candle.OpenTime;
        return Window.Push(candle);
    }

    public void CopyWindowTo(Span<double> destination) => Window.CopyWindowTo(destination);

    /// <summary>Applies the policy to the candle and its forecast and advances the once-per-candle guard.</summary>
    public TradingDecision Decide(Candle candle, Forecast forecast, PositionView position, AccountRiskView risk, long nowMs)
    {
        var decision = Policy.Decide(State, new DecisionInput(Account, Series, candle, forecast, position, risk, nowMs));
        State = State.Evolve(decision);
        return decision;
    }
}
