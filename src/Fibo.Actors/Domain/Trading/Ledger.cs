using System.Collections.Immutable;
using Fibo.Messages.Primitives;
using Fibo.Messages.Trading;

namespace Fibo.Actors.Domain.Trading;

/// <summary>
/// One account's ledger as an event-sourced state: <see cref="Decide"/> turns a command into events or a rejection
/// without changing anything; <see cref="Evolve"/> applies one event. Both are pure, so the persistent executor actor,
/// the backtester and the tests run exactly the same code. Money is decimal; cash is kept per asset (the base side of a
/// spot position is the position itself). Fees are booked in the asset the exchange took them from: a quote fee from
/// cash; a base fee from the base quantity the fill moves (Binance takes a buy's commission from the asset bought, so
/// the position is what the exchange balance holds); a third asset (BNB) from that asset's cash. PnL and fee totals
/// are in quote units. A remainder too small to sell under the symbol's filters leaves the position as
/// <see cref="Dust"/> (<see cref="PositionDustSwept"/>).
/// Idempotent: an event applied twice (same client order id and status, same fill id, same funding id) changes
/// nothing the second time, and deciding an already-applied command yields no events.
/// </summary>
public sealed partial record Ledger
{
    private Ledger(string account, RiskLimits limits)
    {
        Account = account;
        Limits = limits;
    }

    /// <summary>A fresh, empty ledger. <paramref name="limits"/> is configuration, not journaled state.</summary>
    public static Ledger Open(string account, RiskLimits? limits = null)
    {
        if (string.IsNullOrWhiteSpace(account)) throw new ArgumentException("an account id is required", nameof(account));
        return new Ledger(account, (limits ?? new RiskLimits()));
    }

    public string Account { get; }
    public RiskLimits Limits { get; init; }
    public ImmutableDictionary<string, LedgerOrder> Orders { get; init; } = ImmutableDictionary<string, LedgerOrder>.Empty;
    /// <summary>Client order ids of every order not yet Filled, Rejected or Cancelled: what recovery must reconcile.</summary>
    public ImmutableSortedSet<string> OpenOrderIds { get; init; } = ImmutableSortedSet<string>.Empty;
    public ImmutableDictionary<SeriesKey, Position> Positions { get; init; } = ImmutableDictionary<SeriesKey, Position>.Empty;
    public ImmutableDictionary<string, decimal> Cash { get; init; } = ImmutableDictionary<string, decimal>.Empty;
    public ImmutableHashSet<string> FundingIds { get; init; } = ImmutableHashSet<string>.Empty;
    public ImmutableList<ClosedTrade> ClosedTrades { get; init; } = ImmutableList<ClosedTrade>.Empty;
    /// <summary>Base quantity per series held but too small to sell (swept out of the position, still owned).</summary>
    public ImmutableDictionary<SeriesKey, decimal> Dust { get; init; } = ImmutableDictionary<SeriesKey, decimal>.Empty;
    /// <summary>Gross realized PnL over all positions (quote units, summed across quote assets).</summary>
    public decimal RealizedPnl { get; init; }
    public decimal FeesPaid { get; init; }
    /// <summary>Start (UTC ms) of the day <see cref="PnlDayNet"/> belongs to.</summary>
    public long PnlDayStartMs { get; init; }
    /// <summary>Realized PnL net of fees of the fills made during the day starting at <see cref="PnlDayStartMs"/>.</summary>
    public decimal PnlDayNet { get; init; }
    public bool Halted { get; init; }
    public string? HaltReason { get; init; }
    public long NextSequence { get; init; } = 1;

    /// <summary>
    /// Per series, the open time of the newest candle an intent was recorded for (derived from <see cref="Orders"/>, kept as
    /// an index): a series entity that starts on another node decides again every stored candle after it.
    /// </summary>
    public ImmutableDictionary<SeriesKey, long> LastIntentOpenTimes { get; init; } = ImmutableDictionary<SeriesKey, long>.Empty;

    public decimal NetRealizedPnl => RealizedPnl - FeesPaid;

    public IEnumerable<LedgerOrder> OpenOrders => OpenOrderIds.Select(id => Orders[id]);

    /// <summary>Every order in the order it was recorded.</summary>
    public IEnumerable<LedgerOrder> OrdersInSequence => Orders.Values.OrderBy(o => o.Sequence);

    public Position PositionOf(SeriesKey series) => Positions.TryGetValue(series, out var p) ? p : Position.Flat(series);

    public bool HasPendingOrder(SeriesKey series) => OpenOrders.Any(o => o.Intent.Series == series);

    /// <summary>Open time of the newest candle of <paramref name="series"/> with a recorded intent; null when it never traded.</summary>
    public long? LastIntentOpenTime(SeriesKey series) => LastIntentOpenTimes.TryGetValue(series, out var t) ? t : null;

    public decimal CashOf(string asset) => Cash.TryGetValue(asset, out var c) ? c : 0m;

    public decimal DustOf(SeriesKey series) => Dust.TryGetValue(series, out var d) ? d : 0m;

    /// <summary>What the policy sees of this series.</summary>
    public PositionView PositionView(SeriesKey series) => PositionOf(series).View(HasPendingOrder(series));

    /// <summary>What the policy sees of the account at <paramref name="nowMs"/> (the daily PnL resets at 00:00 UTC).</summary>
    public AccountRiskView RiskView(long nowMs) =>
        new(Halted, HaltReason, DayStart(nowMs) == PnlDayStartMs ? PnlDayNet : 0m);

    /// <summary>Unrealized PnL at the given marks (series without a mark count as zero).</summary>
    public decimal UnrealizedPnl(Func<SeriesKey, decimal?> mark) =>
        Positions.Values.Where(p => !p.IsFlat).Sum(p => mark(p.Series) is { } m ? p.UnrealizedPnl(m) : 0m);

    /// <summary>Cash in <paramref name="quoteAsset"/> plus the marked value of the positions (and dust, when marked) quoted in it.</summary>
    public decimal Equity(string quoteAsset, Func<SeriesKey, decimal?> mark) =>
        CashOf(quoteAsset) + Positions.Values
            .Where(p => !p.IsFlat && QuoteAsset(p.Series) == quoteAsset)
            .Sum(p => mark(p.Series) is { } m ? p.Quantity * m : p.Quantity * p.AverageEntryPrice)
        + Dust.Where(d => QuoteAsset(d.Key) == quoteAsset).Sum(d => mark(d.Key) is { } m ? d.Value * m : 0m);

    /// <summary>The asset cash and fees of <paramref name="series"/> are booked in.</summary>
    public static string QuoteAsset(SeriesKey series) => series.Symbol.Quote.Length > 0 ? series.Symbol.Quote : "QUOTE";

    public static long DayStart(long timeMs) => timeMs - ((timeMs % Timeframe.MsPerDay) + Timeframe.MsPerDay) % Timeframe.MsPerDay;

    /// <summary>Applies events in order.</summary>
    public Ledger EvolveAll(IEnumerable<ILedgerEvent> events) => events.Aggregate(this, (l, e) => l.Evolve(e));

    /// <summary>
    /// Applies one event. Throws <see cref="InvalidOperationException"/> for an event that contradicts the state
    /// (e.g. a fill on a cancelled order): <see cref="Decide"/> never produces one, so it means a corrupt journal.
    /// </summary>
    public Ledger Evolve(ILedgerEvent e)
    {
        if (e.Account != Account) throw new InvalidOperationException($"event for account '{e.Account}' applied to the ledger of '{Account}'");
        return e switch
        {
            OrderIntentRecorded r => OnRecorded(r),
            OrderSubmitted s => OnStatus(s.ClientOrderId, s.AtMs, o => o.Status == OrderStatus.Recorded ? o with { Status = OrderStatus.Submitted } : o),
            OrderAcknowledged a => OnStatus(a.ClientOrderId, a.AtMs, o => o with
            {
                BrokerOrderId = o.BrokerOrderId ?? a.BrokerOrderId,
                Status = o.Status is OrderStatus.Recorded or OrderStatus.Submitted or OrderStatus.Unknown
                    ? (o.Fills.Count > 0 ? OrderStatus.PartiallyFilled : OrderStatus.Acknowledged)
                    : o.Status,
            }),
            OrderOutcomeUnknown u => OnStatus(u.ClientOrderId, u.AtMs, o => o.IsTerminal ? o : o with { Status = OrderStatus.Unknown, StatusReason = u.Reason }),
            OrderRejected r => OnStatus(r.ClientOrderId, r.AtMs, o => o.Status switch
            {
                OrderStatus.Rejected => o,
                _ when o.IsTerminal || o.Fills.Count > 0 => throw Contradiction(r, o),
                _ => o with { Status = OrderStatus.Rejected, StatusReason = r.Reason },
            }),
            OrderCancelled c => OnStatus(c.ClientOrderId, c.AtMs, o => o.Status switch
            {
                OrderStatus.Cancelled => o,
                _ when o.IsTerminal => throw Contradiction(c, o),
                _ => o with { Status = OrderStatus.Cancelled, StatusReason = c.Reason },
            }),
            OrderReconciled rc => OnStatus(rc.ClientOrderId, rc.AtMs, o => o with { ReconciledAtMs = rc.AtMs }),
            OrderFilled f => OnFilled(f),
            PositionDustSwept d => OnDustSwept(d),
            TradingHalted h => this with { Halted = true, HaltReason = h.Reason },
            TradingResumed => this with { Halted = false, HaltReason = null },
            AccountFunded fu => FundingIds.Contains(fu.FundingId)
                ? this
                : this with { FundingIds = FundingIds.Add(fu.FundingId), Cash = Cash.SetItem(fu.Asset, CashOf(fu.Asset) + fu.Amount) },
            _ => throw new InvalidOperationException($"unknown ledger event {e.GetType().Name}"),
        };
    }

    private Ledger OnRecorded(OrderIntentRecorded r)
    {
        if (Orders.ContainsKey(r.ClientOrderId)) return this;
        var order = new LedgerOrder(r.Intent, r.Paper, NextSequence, OrderStatus.Recorded, r.AtMs, r.AtMs, null, null, null, []);
        return this with
        {
            Orders = Orders.Add(order.ClientOrderId, order),
            OpenOrderIds = OpenOrderIds.Add(order.ClientOrderId),
            NextSequence = NextSequence + 1,
            LastIntentOpenTimes = LastIntentOpenTimes.TryGetValue(r.Intent.Series, out var last) && last >= r.Intent.CandleOpenTime
                ? LastIntentOpenTimes
                : LastIntentOpenTimes.SetItem(r.Intent.Series, r.Intent.CandleOpenTime),
        };
    }

    private Ledger OnStatus(string clientOrderId, long atMs, Func<LedgerOrder, LedgerOrder> change)
    {
        var order = Orders.TryGetValue(clientOrderId, out var o)
            ? o
            : throw new InvalidOperationException($"ledger {Account}: event for unknown order {clientOrderId}");
        var changed = change(order);
        if (ReferenceEquals(changed, order) || changed == order) return this;
        return WithOrder(changed with { UpdatedAtMs = atMs });
    }

    private Ledger WithOrder(LedgerOrder order) => this with
    {
        Orders = Orders.SetItem(order.ClientOrderId, order),
        OpenOrderIds = order.IsTerminal ? OpenOrderIds.Remove(order.ClientOrderId) : OpenOrderIds.Add(order.ClientOrderId),
    };

    private Ledger OnFilled(OrderFilled f)
    {
        var order = Orders.TryGetValue(f.ClientOrderId, out var o)
            ? o
            : throw new InvalidOperationException($"ledger {Account}: fill for unknown order {f.ClientOrderId}");
        if (order.HasFill(f.FillId)) return this;
        if (order.Status is OrderStatus.Cancelled or OrderStatus.Rejected || order.FilledQuantity + f.Quantity > order.Intent.Quantity)
            throw Contradiction(f, order);

        var intent = order.Intent;
        var fill = LedgerFill.Of(intent.Series, f.FillId, f.Quantity, f.Price, f.Fee, f.AtMs, f.FeeAsset);
        var fills = order.Fills.Add(fill);
        var filled = fills.Sum(x => x.Quantity);
        var updated = order with
        {
            Fills = fills,
            Status = filled >= order.Intent.Quantity ? OrderStatus.Filled : OrderStatus.PartiallyFilled,
            UpdatedAtMs = f.AtMs,
        };

        // A fee in the base asset changes the base quantity the fill moves (a buy receives quantity − fee, a sell gives
        // up quantity + fee) and is worth fee × price: the same cash as a quote fee, a position equal to the exchange's.
        var asset = QuoteAsset(intent.Series);
        var baseFee = fill.FeeAsset == intent.Series.Symbol.Base && fill.FeeAsset != asset ? fill.Fee : 0m;
        var moved = intent.Side == OrderSide.Buy ? f.Quantity - baseFee : f.Quantity + baseFee;
        var (position, realized, closed) = PositionOf(intent.Series).Apply(
            intent.Side, moved, f.Price, fill.QuoteFee, f.AtMs, intent.StopLoss, intent.TakeProfit);
        var notional = moved * f.Price;
        var cashDelta = (intent.Side == OrderSide.Buy ? -notional : notional) - fill.QuoteFee;
        var cash = Cash.SetItem(asset, CashOf(asset) + cashDelta);
        // A third asset (BNB) is paid from its own balance and cannot be valued in the quote asset here.
        if (fill.FeeAsset != asset && baseFee == 0m && fill.Fee != 0m) cash = cash.SetItem(fill.FeeAsset, CashOf(fill.FeeAsset) - fill.Fee);
        var day = DayStart(f.AtMs);
        var dayNet = (day == PnlDayStartMs ? PnlDayNet : 0m) + realized - fill.QuoteFee;

        return WithOrder(updated) with
        {
            Positions = Positions.SetItem(intent.Series, position),
            Cash = cash,
            RealizedPnl = RealizedPnl + realized,
            FeesPaid = FeesPaid + fill.QuoteFee,
            PnlDayStartMs = day,
            PnlDayNet = dayNet,
            ClosedTrades = closed is null ? ClosedTrades : ClosedTrades.Add(closed),
        };
    }

    private Ledger OnDustSwept(PositionDustSwept d)
    {
        var position = PositionOf(d.Series);
        if (position.IsFlat) return this; // applied before
        if (position.Quantity != d.Quantity)
            throw new InvalidOperationException($"ledger {Account}: dust sweep of {d.Quantity} {d.Series} but the position is {position.Quantity}; the journal is inconsistent");
        var (flat, closed) = position.SweepToDust(d.AtMs);
        return this with
        {
            Positions = Positions.SetItem(d.Series, flat),
            Dust = Dust.SetItem(d.Series, DustOf(d.Series) + d.Quantity),
            ClosedTrades = closed is null ? ClosedTrades : ClosedTrades.Add(closed),
        };
    }

    private InvalidOperationException Contradiction(ILedgerEvent e, LedgerOrder order) =>
        new($"ledger {Account}: {e.GetType().Name} contradicts order {order.ClientOrderId} in state {order.Status} " +
            $"(filled {order.FilledQuantity} of {order.Intent.Quantity}); the journal is inconsistent");
}
