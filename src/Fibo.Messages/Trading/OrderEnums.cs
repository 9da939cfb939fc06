namespace Fibo.Messages.Trading;

/// <summary>Buy or sell. Spot only: a sell reduces a long (shorts exist only when a policy allows them).</summary>
public enum OrderSide { Buy, Sell }

/// <summary>Why an intent exists: an entry opens a position, an exit only reduces one (allowed even under a daily-loss stop).</summary>
public enum OrderPurpose { Entry, Exit }

/// <summary>What in the policy produced an intent.</summary>
public enum IntentReason { Signal, OppositeSignal, StopLoss, TakeProfit }

/// <summary>
/// The life of one order in the ledger. Exactly one of <see cref="Filled"/>, <see cref="Rejected"/> and
/// <see cref="Cancelled"/> ends it; <see cref="Unknown"/> means the broker's answer was lost (5xx, timeout) and
/// only a query may resolve it, never a resubmit.
/// </summary>
public enum OrderStatus { Recorded, Submitted, Acknowledged, PartiallyFilled, Filled, Rejected, Cancelled, Unknown }

/// <summary>What a broker says about one order. <see cref="NotFound"/> is definitive (Binance -2013); <see cref="Unknown"/> is not an answer.</summary>
public enum BrokerOrderState { Accepted, PartiallyFilled, Filled, Rejected, Cancelled, Expired, NotFound, Unknown }
