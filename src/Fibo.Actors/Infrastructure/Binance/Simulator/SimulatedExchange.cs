using Fibo.Actors.Domain.Exchange;
using Fibo.Actors.Infrastructure.Binance.MarketData;

namespace Fibo.Actors.Infrastructure.Binance.Simulator;

/// <summary>
/// The simulator's matching engine and account: MARKET orders fill at the replayed price (taker), LIMIT GTC orders that
/// cross fill at once, the others rest (funds locked) until the price path crosses them and then fill at their limit
/// (maker). Checks like Binance: symbol, parameters, filters (the same <see cref="SymbolRules"/> the client applies),
/// balance, and client order ids unique among <b>open</b> orders only, so sending a filled order's id again creates a
/// second order, as on Binance. Commission is taken in the asset received.
/// </summary>
public sealed class SimulatedExchange
{
    private readonly object _lock = new();
    private readonly SimulatedMarket _market;
    private readonly Dictionary<string, BinanceSymbolInfo> _symbols;
    private readonly Dictionary<string, decimal> _free = new(StringComparer.Ordinal);
    private readonly Dictionary<string, decimal> _locked = new(StringComparer.Ordinal);
    private readonly Dictionary<long, SimulatedOrder> _orders = new();
    private readonly Dictionary<(string Symbol, string ClientId), SimulatedOrder> _latestByClientId = new();
    private readonly List<SimulatedTrade> _trades = [];
    private readonly decimal _takerFee, _makerFee;
    private long _nextOrderId = 1, _nextTradeId = 1;
    private double _matchedThroughMs;

    public SimulatedExchange(SimulatedMarket market, IReadOnlyDictionary<string, BinanceSymbolInfo> symbols,
        IReadOnlyDictionary<string, decimal> balances, decimal takerFee, decimal makerFee)
    {
        _market = market;
        _symbols = new Dictionary<string, BinanceSymbolInfo>(symbols, StringComparer.Ordinal);
        foreach (var (asset, amount) in balances) _free[asset] = amount;
        _takerFee = takerFee;
        _makerFee = makerFee;
        _matchedThroughMs = market.ElapsedMs;
    }

    public IReadOnlyDictionary<string, BinanceSymbolInfo> Symbols => _symbols;

    /// <summary>Every order ever accepted, oldest first.</summary>
    public IReadOnlyList<SimulatedOrderSnapshot> Orders()
    {
        lock (_lock) return _orders.Values.OrderBy(o => o.Id).Select(o => o.Snapshot()).ToArray();
    }

    /// <summary>Every trade, oldest first.</summary>
    public IReadOnlyList<SimulatedTrade> Trades()
    {
        lock (_lock) return _trades.ToArray();
    }

    public IReadOnlyDictionary<string, (decimal Free, decimal Locked)> Balances()
    {
        lock (_lock) return _free.Keys.Union(_locked.Keys).ToDictionary(a => a, a => (_free.GetValueOrDefault(a), _locked.GetValueOrDefault(a)));
    }

    /// <summary>The symbol's price on the tick grid now, or null without data.</summary>
    public decimal? MarketPrice(string symbol)
    {
        if (_market.Price(symbol) is not { } p || !_symbols.TryGetValue(symbol, out var info)) return null;
        return OnTick(info, p);
    }

    public (SimulatedOrderSnapshot? Order, SimulatorError? Error) Place(string symbol, string side, string type, string? timeInForce,
        decimal? quantity, decimal? price, string? clientOrderId, long nowMs)
    {
        lock (_lock)
        {
            MatchLocked(nowMs);
            if (!_symbols.TryGetValue(symbol, out var info)) return (null, SimulatorError.BadRequest(-1121, "Invalid symbol."));
            if (side is not ("BUY" or "SELL")) return (null, SimulatorError.BadRequest(-1117, "Invalid side."));
            if (type is not ("MARKET" or "LIMIT")) return (null, SimulatorError.BadRequest(-1116, "Invalid orderType."));
            if (quantity is null) return (null, SimulatorError.BadRequest(-1102, "Mandatory parameter 'quantity' was not sent, was empty/null, or malformed."));
            bool isMarket = type == "MARKET";
            if (!isMarket)
            {
                if (timeInForce is null) return (null, SimulatorError.BadRequest(-1102, "Mandatory parameter 'timeInForce' was not sent, was empty/null, or malformed."));
                if (timeInForce != "GTC") return (null, SimulatorError.BadRequest(-1115, "Invalid timeInForce."));
                if (price is null) return (null, SimulatorError.BadRequest(-1102, "Mandatory parameter 'price' was not sent, was empty/null, or malformed."));
            }
            else if (timeInForce is not null) return (null, SimulatorError.BadRequest(-1106, "Parameter 'timeInForce' sent when not required."));

            clientOrderId ??= "sim-" + Guid.NewGuid().ToString("N")[..20];
            if (_latestByClientId.TryGetValue((symbol, clientOrderId), out var previous) && previous.IsOpen)
                return (null, SimulatorError.BadRequest(-2010, "Duplicate order sent."));

            if (MarketPrice(symbol) is not { } market) return (null, SimulatorError.BadRequest(-1013, "Market is closed."));
            if (info.Rules.Check(isMarket, quantity.Value, price, market) is { } failure)
                return (null, SimulatorError.BadRequest(-1013, "Filter failure: " + failure.Filter));

            decimal q = quantity.Value;
            bool crosses = isMarket || (side == "BUY" ? price >= market : price <= market);
            decimal fillPrice = crosses ? market : price!.Value;
            // Funds for the whole order: a buy pays quantity × price (its limit when it rests), a sell delivers the quantity.
            string payAsset = side == "BUY" ? info.QuoteAsset : info.BaseAsset;
            decimal needed = side == "BUY" ? q * (crosses ? market : price!.Value) : q;
            if (_free.GetValueOrDefault(payAsset) < needed)
                return (null, SimulatorError.BadRequest(-2010, "Account has insufficient balance for requested action."));

            var order = new SimulatedOrder(_nextOrderId++, clientOrderId, symbol, side, type, isMarket ? null : "GTC", isMarket ? 0 : price!.Value, q, nowMs);
            _orders.Add(order.Id, order);
            _latestByClientId[(symbol, clientOrderId)] = order;
            if (crosses)
            {
                Fill(order, info, fillPrice, isMaker: false, nowMs);
            }
            else
            {
                _free[payAsset] -= needed;
                _locked[payAsset] = _locked.GetValueOrDefault(payAsset) + needed;
            }
            return (order.Snapshot(), null);
        }
    }

    public (SimulatedOrderSnapshot? Order, SimulatorError? Error) Query(string symbol, string? clientOrderId, long? orderId, long nowMs)
    {
        lock (_lock)
        {
            MatchLocked(nowMs);
            if (!_symbols.ContainsKey(symbol)) return (null, SimulatorError.BadRequest(-1121, "Invalid symbol."));
            var order = Find(symbol, clientOrderId, orderId);
            return order is null ? (null, SimulatorError.BadRequest(-2013, "Order does not exist.")) : (order.Snapshot(), null);
        }
    }

    public (SimulatedOrderSnapshot? Order, SimulatorError? Error) Cancel(string symbol, string? clientOrderId, long? orderId, long nowMs)
    {
        lock (_lock)
        {
            MatchLocked(nowMs);
            if (!_symbols.TryGetValue(symbol, out var info)) return (null, SimulatorError.BadRequest(-1121, "Invalid symbol."));
            var order = Find(symbol, clientOrderId, orderId);
            if (order is null || !order.IsOpen) return (null, SimulatorError.BadRequest(-2011, "Unknown order sent."));
            Unlock(order, info);
            order.Status = "CANCELED";
            order.UpdateTime = nowMs;
            return (order.Snapshot(), null);
        }
    }

    public IReadOnlyList<SimulatedOrderSnapshot> OpenOrders(string? symbol, long nowMs)
    {
        lock (_lock)
        {
            MatchLocked(nowMs);
            return _orders.Values.Where(o => o.IsOpen && (symbol is null || o.Symbol == symbol)).OrderBy(o => o.Id).Select(o => o.Snapshot()).ToArray();
        }
    }

    public IReadOnlyList<SimulatedTrade> TradesOf(string symbol, long? orderId, long nowMs)
    {
        lock (_lock)
        {
            MatchLocked(nowMs);
            return _trades.Where(t => t.Symbol == symbol && (orderId is null || t.OrderId == orderId)).ToArray();
        }
    }

    /// <summary>Fills resting limit orders the price path crossed since the last call (the host calls this on a timer too).</summary>
    public void Match(long nowMs)
    {
        lock (_lock) MatchLocked(nowMs);
    }

    private void MatchLocked(long nowMs)
    {
        double to = _market.ElapsedMs;
        double from = _matchedThroughMs;
        _matchedThroughMs = to;
        if (to <= from) return;
        foreach (var order in _orders.Values.Where(o => o.IsOpen && o.Type == "LIMIT").OrderBy(o => o.Id).ToArray())
        {
            if (_market.Range(order.Symbol, from, to) is not { } range) continue;
            bool crossed = order.Side == "BUY" ? (decimal)range.Low <= order.Price : (decimal)range.High >= order.Price;
            if (!crossed) continue;
            var info = _symbols[order.Symbol];
            Unlock(order, info);
            // Take the funds back out of "free" for the fill itself.
            Fill(order, info, order.Price, isMaker: true, nowMs);
        }
    }

    private void Fill(SimulatedOrder order, BinanceSymbolInfo info, decimal price, bool isMaker, long nowMs)
    {
        decimal qty = order.OrigQty - order.ExecutedQty;
        decimal quote = Round8(qty * price);
        decimal rate = isMaker ? _makerFee : _takerFee;
        bool buy = order.Side == "BUY";
        string commissionAsset = buy ? info.BaseAsset : info.QuoteAsset;
        decimal commission = Round8((buy ? qty : quote) * rate);
        if (buy)
        {
            Add(info.QuoteAsset, -quote);
            Add(info.BaseAsset, qty - commission);
        }
        else
        {
            Add(info.BaseAsset, -qty);
            Add(info.QuoteAsset, quote - commission);
        }
        var trade = new SimulatedTrade(_nextTradeId++, order.Id, order.Symbol, order.Side, price, qty, quote, commission, commissionAsset, nowMs, isMaker);
        _trades.Add(trade);
        order.Trades.Add(trade);
        order.ExecutedQty += qty;
        order.CumulativeQuoteQty += quote;
        order.Status = "FILLED";
        order.UpdateTime = nowMs;
    }

    private void Unlock(SimulatedOrder order, BinanceSymbolInfo info)
    {
        string asset = order.Side == "BUY" ? info.QuoteAsset : info.BaseAsset;
        decimal remaining = order.OrigQty - order.ExecutedQty;
        decimal amount = order.Side == "BUY" ? remaining * order.Price : remaining;
        _locked[asset] = _locked.GetValueOrDefault(asset) - amount;
        Add(asset, amount);
    }

    private SimulatedOrder? Find(string symbol, string? clientOrderId, long? orderId)
    {
        if (orderId is { } id) return _orders.TryGetValue(id, out var o) && o.Symbol == symbol ? o : null;
        return clientOrderId is not null && _latestByClientId.TryGetValue((symbol, clientOrderId), out var c) ? c : null;
    }

    private void Add(string asset, decimal delta) => _free[asset] = _free.GetValueOrDefault(asset) + delta;

    private static decimal OnTick(BinanceSymbolInfo info, double price)
    {
        decimal p = (decimal)Math.Round(price, 10);
        if (info.Rules.Price is { TickSize: > 0 } pr) p = pr.MinPrice + Math.Round((p - pr.MinPrice) / pr.TickSize) * pr.TickSize;
        return p / 1.0000000000000000000000000000m;
    }

    private static decimal Round8(decimal d) => Math.Round(d, 8, MidpointRounding.ToZero);
}
