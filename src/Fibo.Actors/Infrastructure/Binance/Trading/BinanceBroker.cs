using System.Collections.Concurrent;
using System.Globalization;
using Fibo.Actors.Domain.Exchange;
using Fibo.Actors.Domain.Trading;
using Fibo.Actors.Domain.Trading.Brokers;
using Fibo.Actors.Infrastructure.Binance.MarketData;
using Fibo.Messages.Primitives;
using Fibo.Messages.Trading;
using Serilog;

namespace Fibo.Actors.Infrastructure.Binance.Trading;

/// <summary>
/// <see cref="IBroker"/> on Binance spot (signed REST). Market orders carry the intent's deterministic client order id
/// as <c>newClientOrderId</c>.
/// <list type="bullet">
/// <item>Idempotent submit: it first asks Binance for the id (<c>origClientOrderId</c>); an order that exists is reported,
/// never placed again. Binance keeps ids unique among <i>open</i> orders only, so without this a resend after a fill
/// would be a second order.</item>
/// <item>An HTTP 5xx, timeout or cut connection on submit is "unknown": the broker queries the id (a few times, since
/// Binance may still be processing) and reports what Binance has; only a definitive <c>-2013</c> on every try reports
/// <see cref="BrokerOrderState.NotFound"/>. It never resubmits.</item>
/// <item>The symbol's <c>exchangeInfo</c> filters apply before anything is sent: the quantity is rounded down to the
/// lot step, and an order under minQty / minNotional is <see cref="BrokerOrderState.Rejected"/> with the reason. The
/// executor sizes intents with the same rules first (<see cref="ISymbolRulesSource"/>, <see cref="OrderSizing"/>), so
/// the rounding here changes nothing it recorded.</item>
/// <item>Fees are reported as Binance charged them, with their asset (<see cref="BrokerFill.FeeAsset"/>): a buy's
/// commission in the base asset bought, a sell's in the quote asset, or BNB. The ledger books each in its asset.</item>
/// </list>
/// </summary>
public sealed class BinanceBroker : IBroker, ISymbolRulesSource
{
    private readonly BinanceSpotTrading _trading;
    private readonly BinanceMarketData _market;
    private readonly BinanceBrokerOptions _options;
    private readonly ILogger _log;
    private readonly ConcurrentDictionary<string, (BinanceSymbolInfo Info, long FetchedAtMs)> _symbols = new(StringComparer.Ordinal);

    public BinanceBroker(BinanceSpotTrading trading, BinanceMarketData market, BinanceBrokerOptions? options = null, ILogger? log = null)
    {
        _trading = trading;
        _market = market;
        _options = options ?? new BinanceBrokerOptions();
        _log = log ?? Log.ForContext<BinanceBroker>();
        // Only Binance's production endpoint moves real money; the testnet and a local simulator do not.
        IsPaper = !string.Equals(trading.Http.Options.RestBaseUrl.TrimEnd('/'), BinanceOptions.ProductionRestUrl, StringComparison.OrdinalIgnoreCase);
    }

    public string Name => "binance";

    public bool IsPaper { get; }

    /// <summary>The symbol's filters from <c>exchangeInfo</c> (cached for <see cref="BinanceBrokerOptions.RulesMaxAge"/>).</summary>
    public async Task<SymbolRules> RulesAsync(Symbol symbol, CancellationToken cancellationToken = default) =>
        (await SymbolAsync(symbol.Exchange, cancellationToken)).Rules;

    public async Task<BrokerOrderReport> SubmitAsync(BrokerOrderRequest request, CancellationToken cancellationToken = default)
    {
        var cid = request.ClientOrderId;
        var symbol = request.Series.Symbol.Exchange;

        // 1. Never place an id twice: what Binance already has under this id is the answer.
        var existing = await QueryAsync(request.Series.Symbol, cid, cancellationToken);
        if (existing.State != BrokerOrderState.NotFound) return existing;

        // 2. The symbol's filters.
        BinanceSymbolInfo info;
        PreparedOrder prepared;
        try
        {
            info = await SymbolAsync(symbol, cancellationToken);
            prepared = info.Rules.Prepare(isMarket: true, request.Quantity, null, await ReferencePriceAsync(info, cancellationToken));
        }
        catch (BinanceApiException e)
        {
            return Rejected(cid, $"Binance refused to describe {symbol}: {e.BinanceMessage} (code {e.Code})");
        }
        catch (Exception e) when (e is BinanceUnknownOutcomeException or BinanceRateLimitException)
        {
            return BrokerOrderReport.Unknown(cid, $"could not read {symbol}'s trading rules, nothing was sent: {e.Message}");
        }
        if (!prepared.IsAccepted) return Rejected(cid, "not sent: " + prepared.RefusalReason);
        if (prepared.Quantity != request.Quantity)
            _log.Warning("Binance order {ClientOrderId}: quantity {Requested} rounded down to {Quantity} (lot step of {Symbol})", cid, request.Quantity, prepared.Quantity, symbol);

        // 3. Send once.
        var order = new BinanceNewOrder(symbol, request.Side == OrderSide.Buy ? BinanceSide.Buy : BinanceSide.Sell, BinanceOrderType.Market, prepared.Quantity, null, cid);
        try
        {
            var placed = await _trading.PlaceOrderAsync(order, cancellationToken);
            _log.Information("Binance order {ClientOrderId} {Side} {Quantity} {Symbol}: {Status}", cid, order.Side, order.Quantity, symbol, placed.Status);
            return Report(placed, info, placed.Fills.Select(f => Fill(f, info, placed.Time ?? 0)).ToArray());
        }
        catch (BinanceApiException e) when (e.Code == BinanceErrorCodes.NewOrderRejected && e.BinanceMessage.Contains("Duplicate", StringComparison.OrdinalIgnoreCase))
        {
            // Open under this id already (placed between our query and our send): report that order.
            return await QueryAsync(request.Series.Symbol, cid, cancellationToken);
        }
        catch (BinanceApiException e)
        {
            return Rejected(cid, $"Binance refused the order: {e.BinanceMessage} (code {e.Code})");
        }
        catch (BinanceRateLimitException e)
        {
            // A 429/418 is refused before the matching engine: no order exists.
            return Rejected(cid, e.Message);
        }
        catch (BinanceUnknownOutcomeException e)
        {
            _log.Warning("Binance order {ClientOrderId}: {Reason}; querying it instead of sending it again", cid, e.Reason);
            return await ResolveUnknownAsync(request.Series.Symbol, cid, e.Reason, cancellationToken);
        }
    }

    public async Task<BrokerOrderReport> QueryAsync(Symbol symbol, string clientOrderId, CancellationToken cancellationToken = default)
    {
        try
        {
            var order = await _trading.QueryOrderAsync(symbol.Exchange, clientOrderId, cancellationToken);
            if (order is null) return BrokerOrderReport.NotFound(clientOrderId);
            return await WithTradesAsync(order, cancellationToken);
        }
        catch (Exception e) when (e is BinanceUnknownOutcomeException or BinanceRateLimitException or BinanceApiException)
        {
            return BrokerOrderReport.Unknown(clientOrderId, "query failed: " + e.Message);
        }
    }

    public async Task<BrokerOrderReport> CancelAsync(Symbol symbol, string clientOrderId, CancellationToken cancellationToken = default)
    {
        try
        {
            var cancelled = await _trading.CancelOrderAsync(symbol.Exchange, clientOrderId, cancellationToken);
            // Nothing open under the id: it filled, was cancelled before, or never existed. The query says which.
            if (cancelled is null) return await QueryAsync(symbol, clientOrderId, cancellationToken);
            return await WithTradesAsync(cancelled, cancellationToken);
        }
        catch (Exception e) when (e is BinanceUnknownOutcomeException or BinanceRateLimitException or BinanceApiException)
        {
            return BrokerOrderReport.Unknown(clientOrderId, "cancel failed: " + e.Message);
        }
    }

    /// <summary>After a lost answer: Binance may still be processing the order, so a "does not exist" is asked again before it is believed.</summary>
    private async Task<BrokerOrderReport> ResolveUnknownAsync(Symbol symbol, string cid, string reason, CancellationToken ct)
    {
        BrokerOrderReport report = BrokerOrderReport.Unknown(cid, reason);
        for (int attempt = 0; attempt < _options.UnknownOutcomeQueries; attempt++)
        {
            if (attempt > 0) await Task.Delay(_options.UnknownOutcomeQueryDelay, ct);
            report = await QueryAsync(symbol, cid, ct);
            if (report.State is not (BrokerOrderState.NotFound or BrokerOrderState.Unknown)) return report;
        }
        return report.State == BrokerOrderState.Unknown ? BrokerOrderReport.Unknown(cid, $"{reason}; {report.Reason}") : report;
    }

    private async Task<BrokerOrderReport> WithTradesAsync(BinanceOrder order, CancellationToken ct)
    {
        var info = await SymbolAsync(order.Symbol, ct);
        IReadOnlyList<BrokerFill> fills = [];
        if (order.ExecutedQty > 0)
        {
            var trades = await _trading.GetOrderTradesAsync(order.Symbol, order.OrderId, ct);
            fills = trades.Select(t => Fill(t.Id, t.Price, t.Quantity, t.Commission, t.CommissionAsset, t.Time, info)).ToArray();
        }
        return Report(order, info, fills);
    }

    private BrokerOrderReport Report(BinanceOrder order, BinanceSymbolInfo info, IReadOnlyList<BrokerFill> fills) =>
        new(order.ClientOrderId, State(order.Status), order.OrderId.ToString(CultureInfo.InvariantCulture), fills,
            order.Status is "REJECTED" or "EXPIRED" or "EXPIRED_IN_MATCH" ? $"Binance status {order.Status}" : null);

    private static BrokerFill Fill(BinanceOrderFill f, BinanceSymbolInfo info, long time) =>
        Fill(f.TradeId, f.Price, f.Quantity, f.Commission, f.CommissionAsset, time, info);

    private static BrokerFill Fill(long tradeId, decimal price, decimal quantity, decimal commission, string commissionAsset, long time, BinanceSymbolInfo info) =>
        new(tradeId.ToString(CultureInfo.InvariantCulture), quantity, price, commission, time,
            string.IsNullOrEmpty(commissionAsset) || commission == 0 ? info.QuoteAsset : commissionAsset);

    private static BrokerOrderState State(string status) => status switch
    {
        "NEW" or "PENDING_NEW" or "PENDING_CANCEL" => BrokerOrderState.Accepted,
        "PARTIALLY_FILLED" => BrokerOrderState.PartiallyFilled,
        "FILLED" => BrokerOrderState.Filled,
        "CANCELED" => BrokerOrderState.Cancelled,
        "REJECTED" => BrokerOrderState.Rejected,
        "EXPIRED" or "EXPIRED_IN_MATCH" => BrokerOrderState.Expired,
        _ => BrokerOrderState.Unknown,
    };

    private static BrokerOrderReport Rejected(string cid, string reason) => new(cid, BrokerOrderState.Rejected, null, [], reason);

    private async Task<BinanceSymbolInfo> SymbolAsync(string symbol, CancellationToken ct)
    {
        long now = _trading.Http.Clock.LocalNowMs;
        if (_symbols.TryGetValue(symbol, out var cached) && now - cached.FetchedAtMs < (long)_options.RulesMaxAge.TotalMilliseconds)
            return cached.Info;
        var info = (await _market.GetExchangeInfoAsync([symbol], ct))[symbol];
        _symbols[symbol] = (info, now);
        return info;
    }

    /// <summary>Binance's average price, needed only when the symbol's notional bounds apply to market orders.</summary>
    private async Task<decimal> ReferencePriceAsync(BinanceSymbolInfo info, CancellationToken ct) =>
        info.Rules.Notional is { } n && (n.ApplyMinToMarket || n.ApplyMaxToMarket) ? await _market.GetAveragePriceAsync(info.Symbol, ct) : 0m;
}

/// <summary>How <see cref="BinanceBroker"/> resolves lost answers and how long it trusts cached symbol rules.</summary>
public sealed class BinanceBrokerOptions
{
    /// <summary>Queries after a lost submit answer before a "does not exist" is believed.</summary>
    public int UnknownOutcomeQueries { get; set; } = 3;

    public TimeSpan UnknownOutcomeQueryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>exchangeInfo filters change rarely; they are fetched again after this long.</summary>
    public TimeSpan RulesMaxAge { get; set; } = TimeSpan.FromHours(1);
}
