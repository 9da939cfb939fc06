using Fibo.Actors.Domain.Prediction;
using Fibo.Messages.Trading;

namespace Fibo.Actors.Domain.Trading;

/// <summary>
/// The seed's threshold rule made position-aware (SEED-SPEC §7.4, §12.D.18–19). Pure: the same state and input
/// always give the same decision. Order of checks on a closed, fresh candle:
/// kill switch → order in flight → open position (stop-loss, take-profit, opposite signal) → flat (threshold, long
/// only unless shorts are allowed, daily loss, size).
/// Stops are checked on the closed candle's low/high and exit with a market order at the next open (the paper broker
/// fills there), a bar-close emulation of a stop order; when both levels were touched the stop-loss wins.
/// </summary>
public sealed class TradingPolicy
{
    public TradingPolicy(TradingPolicyOptions options) => Options = options.Validate();

    public TradingPolicyOptions Options { get; }

    public TradingDecision Decide(PolicyState state, DecisionInput input)
    {
        var candle = input.Candle;
        var t = candle.OpenTime;
        if (!candle.IsClosed) return TradingDecision.Hold(t, HoldReason.CandleNotClosed);
        if (state.LastDecidedOpenTime is { } last && t <= last) return TradingDecision.Hold(t, HoldReason.AlreadyDecided);
        if (IsStale(input)) return TradingDecision.Hold(t, HoldReason.StaleCandle);
        if (!IsUsablePrice(candle.Close) || !IsUsablePrice(candle.Low) || !IsUsablePrice(candle.High))
            return TradingDecision.Hold(t, HoldReason.InvalidPrice);
        if (input.Risk.Halted) return TradingDecision.Hold(t, HoldReason.TradingHalted);
        if (input.Position.HasPendingOrder) return TradingDecision.Hold(t, HoldReason.OrderPending);

        var pred = input.Forecast.Ret;
        var signal = !double.IsFinite(pred) ? 0 : pred > Options.Threshold ? 1 : pred < -Options.Threshold ? -1 : 0;
        return input.Position.IsFlat ? DecideFlat(input, signal) : DecideOpen(input, signal);
    }

    private TradingDecision DecideOpen(DecisionInput input, int signal)
    {
        var pos = input.Position;
        var c = input.Candle;
        var exitSide = pos.IsLong ? OrderSide.Sell : OrderSide.Buy;
        var low = (decimal)c.Low;
        var high = (decimal)c.High;
        bool stopHit = pos.StopLoss is { } sl && (pos.IsLong ? low <= sl : high >= sl);
        bool targetHit = pos.TakeProfit is { } tp && (pos.IsLong ? high >= tp : low <= tp);
        IntentReason? reason =
            stopHit ? IntentReason.StopLoss :
            targetHit ? IntentReason.TakeProfit :
            Options.ExitOnOppositeSignal && signal == (pos.IsLong ? -1 : 1) ? IntentReason.OppositeSignal :
            null;
        if (reason is null) return TradingDecision.Hold(c.OpenTime, signal == 0 ? HoldReason.BelowThreshold : HoldReason.PositionOpen);
        return TradingDecision.Order(MakeIntent(input, exitSide, OrderPurpose.Exit, reason.Value, Math.Abs(pos.Quantity), null, null));
    }

    private TradingDecision DecideFlat(DecisionInput input, int signal)
    {
        var t = input.Candle.OpenTime;
        if (signal == 0) return TradingDecision.Hold(t, HoldReason.BelowThreshold);
        if (signal < 0 && !Options.Risk.AllowShort) return TradingDecision.Hold(t, HoldReason.ShortNotAllowed);
        if (Options.Risk.DailyLossLimit is { } limit && input.Risk.DailyNetPnl <= -limit) return TradingDecision.Hold(t, HoldReason.DailyLossLimit);

        var price = (decimal)input.Candle.Close;
        var quantity = EntryQuantity(price, input.Forecast);
        if (quantity <= 0 || quantity < Options.MinQuantity) return TradingDecision.Hold(t, HoldReason.QuantityTooSmall);

        var side = signal > 0 ? OrderSide.Buy : OrderSide.Sell;
        var (stop, target) = ProtectiveLevels(side, price, input.Forecast);
        return TradingDecision.Order(MakeIntent(input, side, OrderPurpose.Entry, IntentReason.Signal, quantity, stop, target));
    }

    /// <summary>Entry size in base units: seed sizing or volatility-scaled, capped by the max notional, rounded down to the step.</summary>
    public decimal EntryQuantity(decimal price, Forecast forecast)
    {
        var notional = Options.Equity * Options.PositionPct;
        if (Options.VolatilitySizing is { } vs && HasVolatility(forecast))
        {
            var sigma = (decimal)Math.Max(forecast.Vol, vs.MinVolatility);
            notional = Math.Min(Options.Equity * vs.RiskPerTrade / sigma, Options.Equity * vs.MaxPositionPct);
        }
        if (Options.Risk.MaxPositionNotional is { } max) notional = Math.Min(notional, max);
        var raw = notional / price;
        return Math.Floor(raw / Options.QuantityStep) * Options.QuantityStep;
    }

    private (decimal? Stop, decimal? Target) ProtectiveLevels(OrderSide side, decimal price, Forecast forecast)
    {
        if (!HasVolatility(forecast)) return (null, null);
        var sigma = (decimal)forecast.Vol;
        var dir = side == OrderSide.Buy ? 1m : -1m;
        decimal? stop = Options.StopLossSigmas is { } k ? price * (1 - dir * (decimal)k * sigma) : null;
        decimal? target = Options.TakeProfitSigmas is { } m ? price * (1 + dir * (decimal)m * sigma) : null;
        return (stop is > 0 ? stop : null, target is > 0 ? target : null);
    }

    private bool IsStale(DecisionInput input)
    {
        if (Options.StaleAfterPeriods is not { } n) return false;
        var tf = input.Series.Timeframe;
        var end = tf.Add(input.Candle.OpenTime);
        return input.NowMs - end > n * tf.ApproximateMilliseconds;
    }

    /// <summary>True when the volatility head gave a usable, strictly positive σ̂.</summary>
    public static bool HasVolatility(Forecast forecast) => double.IsFinite(forecast.Vol) && forecast.Vol > 0;

    private static bool IsUsablePrice(double p) => double.IsFinite(p) && p > 0 && p < 7.9e27;

    private static OrderIntent MakeIntent(
        DecisionInput input, OrderSide side, OrderPurpose purpose, IntentReason reason, decimal quantity, decimal? stop, decimal? target) =>
        new(input.Account, input.Series, input.Candle.OpenTime, side, purpose, reason, quantity, (decimal)input.Candle.Close,
            input.Forecast.Ret, input.Forecast.Vol, stop, target,
            ClientOrderIds.For(input.Account, input.Series, input.Candle.OpenTime, side));
}
