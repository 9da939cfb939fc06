namespace Fibo.Node.Http.Contracts;

/// <summary>One order of an account's ledger, newest state.</summary>
public sealed record LedgerOrderView(
    string ClientOrderId,
    string Series,
    string Side,
    string Purpose,
    decimal Quantity,
    decimal FilledQuantity,
    string Status,
    decimal? AverageFillPrice,
    decimal Fee,
    long CandleOpenTime,
    long RecordedAtMs,
    long UpdatedAtMs,
    string? StatusReason,
    bool Paper,
    IReadOnlyList<LedgerFillView> Fills);

/// <summary>One execution: <see cref="Fee"/> as the exchange charged it, in <see cref="FeeAsset"/>; <see cref="QuoteFee"/> its quote value.</summary>
public sealed record LedgerFillView(string FillId, decimal Quantity, decimal Price, decimal Fee, string FeeAsset, decimal QuoteFee, long AtMs);

/// <summary>Base asset of a series too small to sell (swept out of its position).</summary>
public sealed record DustView(string Series, decimal Quantity);

/// <summary>A position, marked at its series' last stored close when there is one.</summary>
public sealed record LedgerPositionView(
    string Series,
    decimal Quantity,
    decimal AverageEntryPrice,
    decimal RealizedPnl,
    decimal Fees,
    decimal? Mark,
    decimal? UnrealizedPnl);

public sealed record CashView(string Asset, decimal Amount);

/// <summary>Cash plus marked positions in one quote asset.</summary>
public sealed record EquityView(string Asset, decimal Equity);

/// <summary>Where the account's executor is: Recovering, Reconciling, Trading, Halted or Unavailable; its broker; its last failure.</summary>
public sealed record ExecutorView(string State, string Broker, bool Paper, long LastSequenceNr, string? LastFailure);

/// <summary>An account this node's configuration trades (<c>Fibo:Trading:Accounts</c>).</summary>
public sealed record AccountView(string Id, string Broker, decimal StartingCash, IReadOnlyList<string> Series);

/// <summary><c>GET /api/ledger/{account}</c>: the executor's ledger with PnL, positions marked at the last stored closes, and orders.</summary>
public sealed record LedgerView(
    string Account,
    ExecutorView Executor,
    bool Halted,
    string? HaltReason,
    decimal RealizedPnl,
    decimal FeesPaid,
    decimal NetRealizedPnl,
    decimal UnrealizedPnl,
    IReadOnlyList<EquityView> Equity,
    int OpenOrders,
    int ClosedTrades,
    IReadOnlyList<CashView> Cash,
    IReadOnlyList<LedgerPositionView> Positions,
    IReadOnlyList<LedgerOrderView> Orders,
    IReadOnlyList<DustView> Dust);
