using System.Globalization;
using Fibo.Actors.Domain.Exchange;
using Fibo.Messages.MarketData;
using Fibo.Messages.Primitives;
using Fibo.Messages.Trading;

namespace Fibo.Actors.Domain.Trading.Brokers;

/// <summary>
/// A simulated spot broker: it accepts market orders, holds them until a later candle of their series arrives through
/// <see cref="OnCandle"/>, and fills them by its <see cref="IFillModel"/> (default: the next candle's open ± slippage)
/// with its <see cref="IFeeModel"/> (default: Binance's 0.1 % taker fee, charged in the quote asset) under its
/// <see cref="Filters"/> (what intents are sized to; default: 8-decimal quantities, no minimum). Deterministic: ids and fills depend only on
/// the sequence of calls. Thread-safe, so one instance may serve several executors of a node. Its orders live in memory:
/// after a process restart a query answers <see cref="BrokerOrderState.NotFound"/>, which the ledger turns into a
/// cancellation of an unfilled order (never a resubmit).
/// </summary>
public sealed class PaperBroker : IBroker, ICandleDrivenBroker, ISymbolRulesSource
{
    private readonly object _gate = new();
    private readonly Dictionary<string, PaperOrder> _orders = new(StringComparer.Ordinal);
    private readonly List<PaperOrder> _resting = [];
    private long _nextOrderNumber = 1;

    public PaperBroker(IFillModel? fillModel = null, IFeeModel? feeModel = null, PaperFilters? filters = null)
    {
        FillModel = fillModel ?? new NextOpenFillModel(BasisPointSlippageModel.None);
        FeeModel = feeModel ?? PercentFeeModel.BinanceSpotTaker;
        Filters = filters ?? PaperFilters.None;
    }

    /// <summary>Next-open fills with <paramref name="slippageBps"/> and a percentage fee of <paramref name="feeBps"/> (10 bps = 0.1 %).</summary>
    public static PaperBroker WithBasisPoints(decimal feeBps = 10m, decimal slippageBps = 0m, PaperFilters? filters = null) =>
        new(new NextOpenFillModel(new BasisPointSlippageModel(slippageBps)), PercentFeeModel.FromBasisPoints(feeBps), filters);

    public IFillModel FillModel { get; }
    public IFeeModel FeeModel { get; }
    public PaperFilters Filters { get; }
    public string Name => "paper";
    public bool IsPaper => true;

    public BrokerOrderReport Submit(BrokerOrderRequest request)
    {
        lock (_gate)
        {
            if (_orders.TryGetValue(request.ClientOrderId, out var existing)) return existing.Report();
            var order = new PaperOrder(request, "paper-" + _nextOrderNumber++.ToString(CultureInfo.InvariantCulture));
            _orders.Add(request.ClientOrderId, order);
            if (request.Quantity <= 0)
            {
                order.State = BrokerOrderState.Rejected;
                order.Reason = $"quantity {request.Quantity} must be positive";
            }
            else _resting.Add(order);
            return order.Report();
        }
    }

    public BrokerOrderReport Query(string clientOrderId)
    {
        lock (_gate) return _orders.TryGetValue(clientOrderId, out var o) ? o.Report() : BrokerOrderReport.NotFound(clientOrderId);
    }

    public BrokerOrderReport Cancel(string clientOrderId)
    {
        lock (_gate)
        {
            if (!_orders.TryGetValue(clientOrderId, out var o)) return BrokerOrderReport.NotFound(clientOrderId);
            if (_resting.Remove(o))
            {
                o.State = BrokerOrderState.Cancelled;
                o.Reason = "cancelled on request";
            }
            return o.Report();
        }
    }

    /// <summary>
    /// Re-creates an accepted order from the ledger after a process restart (the book is in memory): resting with its
    /// fills so far, or done when they already cover it. Restoring an id this broker already has changes nothing. With no
    /// <paramref name="brokerOrderId"/> (submitted, acceptance not journaled) the order is accepted as <see cref="Submit"/>
    /// does; restore those after the ones with ids, so new ids continue after the restored ones.
    /// </summary>
    public void Restore(BrokerOrderRequest request, string? brokerOrderId, IReadOnlyList<BrokerFill> fills)
    {
        if (brokerOrderId is null)
        {
            Submit(request);
            return;
        }
        lock (_gate)
        {
            if (_orders.ContainsKey(request.ClientOrderId)) return;
            var order = new PaperOrder(request, brokerOrderId);
            order.Fills.AddRange(fills);
            _orders.Add(request.ClientOrderId, order);
            if (order.Filled >= request.Quantity) order.State = BrokerOrderState.Filled;
            else
            {
                order.State = fills.Count > 0 ? BrokerOrderState.PartiallyFilled : BrokerOrderState.Accepted;
                _resting.Add(order);
            }
            // Keep new broker ids unique: continue after the highest restored "paper-N".
            if (brokerOrderId.StartsWith("paper-", StringComparison.Ordinal) &&
                long.TryParse(brokerOrderId.AsSpan(6), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= _nextOrderNumber)
                _nextOrderNumber = n + 1;
        }
    }

    /// <summary>Orders still waiting for a candle.</summary>
    public int RestingCount
    {
        get { lock (_gate) return _resting.Count; }
    }

    /// <summary>
    /// Offers a candle of <paramref name="series"/> to the resting orders of that series, oldest first, and returns the
    /// report of every order that changed.
    /// </summary>
    public IReadOnlyList<BrokerOrderReport> OnCandle(SeriesKey series, Candle candle)
    {
        lock (_gate)
        {
            List<BrokerOrderReport>? changed = null;
            for (var i = 0; i < _resting.Count; i++)
            {
                var order = _resting[i];
                if (order.Request.Series != series) continue;
                var remaining = order.Request.Quantity - order.Filled;
                var quote = FillModel.TryFill(order.Request with { Quantity = remaining }, candle);
                if (quote is null || quote.Quantity <= 0) continue;
                var quantity = Math.Min(quote.Quantity, remaining);
                var fee = FeeModel.FeeFor(order.Request.Side, quantity, quote.Price);
                var fillId = order.BrokerOrderId + "-" + (order.Fills.Count + 1).ToString(CultureInfo.InvariantCulture);
                order.Fills.Add(new BrokerFill(fillId, quantity, quote.Price, fee, candle.OpenTime));
                if (order.Filled >= order.Request.Quantity)
                {
                    order.State = BrokerOrderState.Filled;
                    _resting.RemoveAt(i--);
                }
                else order.State = BrokerOrderState.PartiallyFilled;
                (changed ??= []).Add(order.Report());
            }
            return changed ?? (IReadOnlyList<BrokerOrderReport>)[];
        }
    }

    public SymbolRules RulesFor(Symbol symbol) => Filters.RulesFor(symbol);

    Task<SymbolRules> ISymbolRulesSource.RulesAsync(Symbol symbol, CancellationToken cancellationToken) => Task.FromResult(RulesFor(symbol));

    Task<BrokerOrderReport> IBroker.SubmitAsync(BrokerOrderRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(Submit(request));

    Task<BrokerOrderReport> IBroker.QueryAsync(Symbol symbol, string clientOrderId, CancellationToken cancellationToken) =>
        Task.FromResult(Query(clientOrderId));

    Task<BrokerOrderReport> IBroker.CancelAsync(Symbol symbol, string clientOrderId, CancellationToken cancellationToken) =>
        Task.FromResult(Cancel(clientOrderId));

    private sealed class PaperOrder(BrokerOrderRequest request, string brokerOrderId)
    {
        public BrokerOrderRequest Request { get; } = request;
        public string BrokerOrderId { get; } = brokerOrderId;
        public BrokerOrderState State { get; set; } = BrokerOrderState.Accepted;
        public string? Reason { get; set; }
        public List<BrokerFill> Fills { get; } = [];
        public decimal Filled => Fills.Sum(f => f.Quantity);

        public BrokerOrderReport Report() => new(Request.ClientOrderId, State, BrokerOrderId, Fills.ToArray(), Reason);
    }
}
