using Fibo.Messages.Trading;

namespace Fibo.Actors.Domain.Trading;

public enum LedgerRejectionCode
{
    WrongAccount,
    InvalidCommand,
    InvalidIntent,
    UnknownOrder,
    OrderTerminal,
    TradingHalted,
    OrderPending,
    PositionAlreadyOpen,
    InvalidExit,
    ShortNotAllowed,
    DailyLossLimit,
    MaxPositionNotional,
    MustCancelAtBroker,
    /// <summary>The broker's answer says nothing (unknown): keep the order unresolved and ask again later.</summary>
    Unresolved,
    /// <summary>The broker contradicts the ledger in a way no event can fix safely (e.g. fills on a cancelled order): halt and look.</summary>
    Anomaly,
}

public sealed record LedgerRejection(LedgerRejectionCode Code, string Message);

/// <summary>
/// What <see cref="Ledger.Decide"/> returns: the events to persist (possibly none, when the command was already
/// applied) or a rejection. Events are persisted and then applied with <see cref="Ledger.Evolve"/>.
/// </summary>
public sealed record LedgerDecision(IReadOnlyList<ILedgerEvent> Events, LedgerRejection? Rejection)
{
    public static readonly LedgerDecision NoChange = new([], null);

    public bool IsRejected => Rejection is not null;

    public static LedgerDecision Accept(params ILedgerEvent[] events) => new(events, null);

    public static LedgerDecision Reject(LedgerRejectionCode code, string message) => new([], new LedgerRejection(code, message));
}
