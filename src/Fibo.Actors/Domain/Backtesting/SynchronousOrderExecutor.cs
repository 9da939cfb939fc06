using Fibo.Actors.Domain.Trading;
using Fibo.Actors.Domain.Trading.Brokers;
using Fibo.Messages.MarketData;
using Fibo.Messages.Primitives;
using Fibo.Messages.Trading;

namespace Fibo.Actors.Domain.Backtesting;

/// <summary>
/// The order executor's steps without an actor: decide → "persist" (append to <see cref="Journal"/>) → evolve, in the
/// same order the persistent executor uses: size the intent to the broker's filters, record it, mark it submitted,
/// submit to the broker, apply the broker's report; candles go to the paper broker and its fills are applied as
/// reports; an exit that leaves an unsellable remainder sweeps it to dust.
/// </summary>
public sealed class SynchronousOrderExecutor(Ledger ledger, PaperBroker broker)
{
    private readonly List<ILedgerEvent> _journal = [];
    private readonly List<LedgerRejection> _rejections = [];

    public Ledger Ledger { get; private set; } = ledger;
    public PaperBroker Broker { get; } = broker;

    /// <summary>Every event, in the order it was applied: replaying it onto an empty ledger rebuilds <see cref="Ledger"/>.</summary>
    public IReadOnlyList<ILedgerEvent> Journal => _journal;

    public IReadOnlyList<LedgerRejection> Rejections => _rejections;

    /// <summary>Decides a command, applies (journals) its events, and remembers a rejection.</summary>
    public LedgerDecision Execute(ILedgerCommand command)
    {
        var decision = Ledger.Decide(command);
        if (decision.Rejection is { } r) _rejections.Add(r);
        foreach (var e in decision.Events)
        {
            _journal.Add(e);
            Ledger = Ledger.Evolve(e);
        }
        return decision;
    }

    /// <summary>Sizes the intent, records it (persisted before any submit), then submits it and applies the broker's answer.</summary>
    public LedgerDecision Place(OrderIntent intent, long atMs)
    {
        var sized = OrderSizing.Fit(intent, Broker.RulesFor(intent.Series.Symbol), Ledger.PositionOf(intent.Series));
        if (!sized.IsAccepted)
        {
            var rejection = new LedgerRejection(LedgerRejectionCode.InvalidIntent, sized.Refusal!);
            _rejections.Add(rejection);
            if (sized.PositionIsDust)
                Execute(new SweepDust(Ledger.Account, intent.Series, Ledger.PositionOf(intent.Series).Quantity, sized.Refusal!, atMs));
            return LedgerDecision.Reject(rejection.Code, rejection.Message);
        }
        intent = sized.Intent!;
        var recorded = Execute(new RecordOrderIntent(Ledger.Account, intent, Broker.IsPaper, atMs));
        if (recorded.IsRejected || !Ledger.Orders.TryGetValue(intent.ClientOrderId, out var order) || order.Status != OrderStatus.Recorded)
            return recorded;
        var submitted = Execute(new MarkOrderSubmitted(Ledger.Account, intent.ClientOrderId, atMs));
        if (submitted.IsRejected) return submitted;
        var report = Broker.Submit(new BrokerOrderRequest(intent.ClientOrderId, intent.Series, intent.Side, intent.Quantity, intent.CandleOpenTime));
        return Apply(report, atMs);
    }

    /// <summary>Offers a candle to the paper broker and applies the reports of the orders it filled.</summary>
    public void OnCandle(SeriesKey series, Candle candle)
    {
        foreach (var report in Broker.OnCandle(series, candle))
            Apply(report, candle.OpenTime);
    }

    private LedgerDecision Apply(BrokerOrderReport report, long atMs)
    {
        var decision = Execute(new ApplyBrokerReport(Ledger.Account, report, atMs));
        if (Ledger.Orders.TryGetValue(report.ClientOrderId, out var order) &&
            OrderSizing.DustAfterFill(Ledger, order, Broker.RulesFor(order.Intent.Series.Symbol), atMs) is { } sweep)
            Execute(sweep);
        return decision;
    }
}
