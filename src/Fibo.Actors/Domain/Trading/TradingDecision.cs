using Fibo.Messages.Trading;

namespace Fibo.Actors.Domain.Trading;

public enum DecisionKind { Hold, Enter, Exit }

/// <summary>Why the policy did not order on a candle.</summary>
public enum HoldReason
{
    None,
    CandleNotClosed,
    AlreadyDecided,
    StaleCandle,
    InvalidPrice,
    TradingHalted,
    OrderPending,
    BelowThreshold,
    PositionOpen,
    ShortNotAllowed,
    DailyLossLimit,
    QuantityTooSmall,
}

/// <summary>
/// The policy's answer for one candle: hold (with the reason) or one order intent. <see cref="CountsAsDecision"/> is
/// false only when the candle was not eligible at all (not closed, already decided), so the once-per-candle guard
/// does not move.
/// </summary>
public sealed record TradingDecision(long CandleOpenTime, DecisionKind Kind, HoldReason HoldReason, OrderIntent? Intent)
{
    public static TradingDecision Hold(long candleOpenTime, HoldReason reason) => new(candleOpenTime, DecisionKind.Hold, reason, null);

    public static TradingDecision Order(OrderIntent intent) =>
        new(intent.CandleOpenTime, intent.Purpose == OrderPurpose.Entry ? DecisionKind.Enter : DecisionKind.Exit, HoldReason.None, intent);

    public bool CountsAsDecision => HoldReason is not (HoldReason.CandleNotClosed or HoldReason.AlreadyDecided);
}

/// <summary>The policy's memory per series: the open time of the last candle decided (the once-per-candle guard).</summary>
public readonly record struct PolicyState(long? LastDecidedOpenTime)
{
    public static PolicyState Initial => default;

    public PolicyState Evolve(TradingDecision decision) =>
        decision.CountsAsDecision && (LastDecidedOpenTime is null || decision.CandleOpenTime > LastDecidedOpenTime)
            ? new PolicyState(decision.CandleOpenTime)
            : this;
}
