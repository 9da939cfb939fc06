using Fibo.Actors.Domain;
using Fibo.Actors.Domain.Exchange;
using Fibo.Actors.Infrastructure.Binance;
using Fibo.Actors.Infrastructure.Binance.MarketData;
using Fibo.Actors.Infrastructure.Binance.Rest;
using Fibo.Actors.Infrastructure.Binance.Simulator;
using Fibo.Actors.Infrastructure.Binance.Trading;
using static Fibo.Actors.Tests.Infrastructure.Binance.BinanceTestMarkets;

namespace Fibo.Actors.Tests.Infrastructure.Binance;

/// <summary>Signed REST against the simulator: orders, queries, cancels, balances, and the ways Binance refuses requests.</summary>
public class BinanceSpotTradingTests
{
    private static ExchangeSimulatorOptions Frozen() => new()
    {
        Data = RealFiveMinute(),
        Speed = 0, // prices stand still unless a test seeks
        HistoryCandles = 100,
        Balances = new Dictionary<string, decimal> { ["BTC"] = 1m, ["ETH"] = 10m, ["LTC"] = 10m },
    };

    private static (BinanceHttp Http, BinanceSpotTrading Trading) Client(ExchangeSimulatorHost sim, BinanceCredentials? credentials = null, TimeSpan? timeout = null)
    {
        var http = new BinanceHttp(sim.FastClient(timeout), credentials ?? sim.Credentials());
        return (http, new BinanceSpotTrading(http));
    }

    [Fact]
    public async Task A_market_buy_fills_at_the_replayed_price_and_every_view_agrees()
    {
        await using var sim = await ExchangeSimulatorHost.StartAsync(Frozen());
        var (http, trading) = Client(sim);
        using var _ = http;
        decimal price = sim.Exchange.MarketPrice("ETHBTC")!.Value;
        Assert.Equal((decimal)sim.Market.AllCandles(EthBtc5m)[100].Open, price); // frozen at the open of candle 100

        var order = await trading.PlaceOrderAsync(new BinanceNewOrder("ETHBTC", BinanceSide.Buy, BinanceOrderType.Market, 2m, null, "fibo-test-1"));

        Assert.Equal(("FILLED", "fibo-test-1", 2m), (order.Status, order.ClientOrderId, order.ExecutedQty));
        var fill = Assert.Single(order.Fills);
        Assert.Equal((price, 2m, 0.002m, "ETH"), (fill.Price, fill.Quantity, fill.Commission, fill.CommissionAsset));

        var queried = await trading.QueryOrderAsync("ETHBTC", "fibo-test-1");
        Assert.Equal((order.OrderId, "FILLED", 2m, 2m * price), (queried!.OrderId, queried.Status, queried.ExecutedQty, queried.CumulativeQuoteQty));
        var trade = Assert.Single(await trading.GetOrderTradesAsync("ETHBTC", order.OrderId));
        Assert.Equal((fill.TradeId, fill.Price, fill.Quantity, fill.Commission, true, false),
            (trade.Id, trade.Price, trade.Quantity, trade.Commission, trade.IsBuyer, trade.IsMaker));

        var balances = (await trading.GetBalancesAsync()).ToDictionary(b => b.Asset);
        Assert.Equal(1m - 2m * price, balances["BTC"].Free);
        Assert.Equal(10m + 2m - 0.002m, balances["ETH"].Free);
    }

    [Fact]
    public async Task A_resting_limit_order_locks_funds_until_cancelled_and_fills_when_the_price_crosses()
    {
        await using var sim = await ExchangeSimulatorHost.StartAsync(Frozen());
        var (http, trading) = Client(sim);
        using var _ = http;
        var candles = sim.Market.AllCandles(EthBtc5m);
        decimal price = sim.Exchange.MarketPrice("ETHBTC")!.Value;

        // Far below the market: it rests and locks 1 × limit BTC; cancel unlocks it.
        var resting = await trading.PlaceOrderAsync(new BinanceNewOrder("ETHBTC", BinanceSide.Buy, BinanceOrderType.Limit, 1m, 0.05m, "fibo-rest"));
        Assert.Equal("NEW", resting.Status);
        var locked = (await trading.GetBalancesAsync()).Single(b => b.Asset == "BTC");
        Assert.Equal((1m - 0.05m, 0.05m), (locked.Free, locked.Locked));
        Assert.Single(await trading.GetOpenOrdersAsync("ETHBTC"));
        var cancelled = await trading.CancelOrderAsync("ETHBTC", "fibo-rest");
        Assert.Equal(("CANCELED", "fibo-rest"), (cancelled!.Status, cancelled.ClientOrderId));
        Assert.Equal(1m, (await trading.GetBalancesAsync()).Single(b => b.Asset == "BTC").Free);
        Assert.Null(await trading.CancelOrderAsync("ETHBTC", "fibo-rest")); // -2011: nothing open under that id

        // Just under the market: it rests until a later candle's low crosses it, then fills at the limit (maker).
        int later = Enumerable.Range(101, 150).First(i => (decimal)candles[i].Low < price - 0.0005m);
        decimal limit = Math.Round(price - 0.0005m, 6);
        var buy = await trading.PlaceOrderAsync(new BinanceNewOrder("ETHBTC", BinanceSide.Buy, BinanceOrderType.Limit, 1m, limit, "fibo-dip"));
        Assert.Equal("NEW", buy.Status);
        sim.Market.Seek(EthBtc5m, later, 1.0); // the whole of that candle has traded
        var filled = await trading.QueryOrderAsync("ETHBTC", "fibo-dip");
        Assert.Equal(("FILLED", 1m), (filled!.Status, filled.ExecutedQty));
        var trade = Assert.Single(await trading.GetOrderTradesAsync("ETHBTC", buy.OrderId));
        Assert.Equal((limit, true), (trade.Price, trade.IsMaker));
    }

    [Fact]
    public async Task Client_order_ids_are_unique_among_open_orders_only_as_on_binance()
    {
        await using var sim = await ExchangeSimulatorHost.StartAsync(Frozen());
        var (http, trading) = Client(sim);
        using var _ = http;

        await trading.PlaceOrderAsync(new BinanceNewOrder("ETHBTC", BinanceSide.Buy, BinanceOrderType.Limit, 1m, 0.05m, "fibo-dup"));
        var e = await Assert.ThrowsAsync<BinanceApiException>(() =>
            trading.PlaceOrderAsync(new BinanceNewOrder("ETHBTC", BinanceSide.Buy, BinanceOrderType.Limit, 1m, 0.05m, "fibo-dup")));
        Assert.Equal((400, -2010, "Duplicate order sent."), (e.HttpStatus, e.Code, e.BinanceMessage));

        // A filled order's id is free again: a blind resend would be a second order. This is why the broker queries first.
        await trading.PlaceOrderAsync(new BinanceNewOrder("ETHBTC", BinanceSide.Buy, BinanceOrderType.Market, 1m, null, "fibo-again"));
        await trading.PlaceOrderAsync(new BinanceNewOrder("ETHBTC", BinanceSide.Buy, BinanceOrderType.Market, 1m, null, "fibo-again"));
        Assert.Equal(2, sim.Exchange.Orders().Count(o => o.ClientOrderId == "fibo-again"));
    }

    [Fact]
    public async Task Wrong_secret_wrong_key_and_missing_key_are_refused()
    {
        await using var sim = await ExchangeSimulatorHost.StartAsync(Frozen());
        var (http1, badSecret) = Client(sim, new BinanceCredentials(ExchangeSimulatorOptions.DefaultApiKey, "not-the-secret"));
        var (http2, badKey) = Client(sim, new BinanceCredentials("not-the-key", ExchangeSimulatorOptions.DefaultApiSecret));
        using var _1 = http1;
        using var _2 = http2;
        using var http3 = new BinanceHttp(sim.FastClient());

        var e1 = await Assert.ThrowsAsync<BinanceApiException>(() => badSecret.GetBalancesAsync());
        Assert.Equal((400, -1022, "Signature for this request is not valid."), (e1.HttpStatus, e1.Code, e1.BinanceMessage));
        var e2 = await Assert.ThrowsAsync<BinanceApiException>(() => badKey.GetBalancesAsync());
        Assert.Equal((401, -2015), (e2.HttpStatus, e2.Code));
        var e3 = await Assert.ThrowsAsync<InputException>(() => new BinanceSpotTrading(http3).GetBalancesAsync());
        Assert.Contains(BinanceCredentials.ApiKeyVariable, e3.Message);
        Assert.Empty(sim.Exchange.Orders());
    }

    [Fact]
    public async Task The_timestamp_follows_binances_clock_and_a_minus_1021_resyncs_it()
    {
        await using var sim = await ExchangeSimulatorHost.StartAsync(Frozen());
        sim.Faults.ClockSkew = TimeSpan.FromSeconds(-30); // the exchange is 30 s behind us
        var (http, trading) = Client(sim);
        using var _ = http;

        await trading.GetBalancesAsync();
        Assert.InRange(http.Clock.OffsetMs, -31_000, -29_000);

        // The exchange's clock jumps after we measured it: the next request is refused with -1021, we measure again and resend.
        sim.Faults.ClockSkew = TimeSpan.FromSeconds(20);
        var order = await trading.PlaceOrderAsync(new BinanceNewOrder("ETHBTC", BinanceSide.Sell, BinanceOrderType.Market, 1m, null, "fibo-after-skew"));
        Assert.Equal("FILLED", order.Status);
        Assert.InRange(http.Clock.OffsetMs, 19_000, 21_000);
        Assert.Single(sim.Exchange.Orders());
    }

    [Fact]
    public async Task The_exchange_refuses_unrounded_quantities_and_prepared_ones_pass()
    {
        await using var sim = await ExchangeSimulatorHost.StartAsync(Frozen());
        var (http, trading) = Client(sim);
        using var _ = http;
        var rules = (await new BinanceMarketData(http).GetExchangeInfoAsync(["ETHBTC"]))["ETHBTC"].Rules;
        decimal price = sim.Exchange.MarketPrice("ETHBTC")!.Value;

        var raw = await Assert.ThrowsAsync<BinanceApiException>(() =>
            trading.PlaceOrderAsync(new BinanceNewOrder("ETHBTC", BinanceSide.Buy, BinanceOrderType.Market, 0.123456m, null, "fibo-raw")));
        Assert.Equal((-1013, "Filter failure: LOT_SIZE"), (raw.Code, raw.BinanceMessage));

        var prepared = rules.Prepare(isMarket: true, 0.123456m, null, price);
        Assert.Equal(0.1234m, prepared.Quantity);
        var order = await trading.PlaceOrderAsync(new BinanceNewOrder("ETHBTC", BinanceSide.Buy, BinanceOrderType.Market, prepared.Quantity, null, "fibo-ok"));
        Assert.Equal(0.1234m, order.ExecutedQty);

        var tiny = rules.Prepare(isMarket: true, 0.0009m, null, price);
        Assert.False(tiny.IsAccepted);
        Assert.Equal("NOTIONAL", tiny.FailedFilter);
        var refused = await Assert.ThrowsAsync<BinanceApiException>(() =>
            trading.PlaceOrderAsync(new BinanceNewOrder("ETHBTC", BinanceSide.Buy, BinanceOrderType.Market, 0.0009m, null, "fibo-tiny")));
        Assert.Equal("Filter failure: NOTIONAL", refused.BinanceMessage);

        var limitPrice = rules.Prepare(isMarket: false, 1m, 0.0812345678m, price, PriceRounding.Down).Price!.Value;
        Assert.Null(rules.Check(false, 1m, limitPrice, price));
    }

    [Theory]
    [InlineData(OrderFault.ErrorAfterAccept)]
    [InlineData(OrderFault.AbortAfterAccept)]
    [InlineData(OrderFault.DelayAfterAccept)]
    public async Task A_lost_answer_is_an_unknown_outcome_that_a_query_resolves(OrderFault fault)
    {
        await using var sim = await ExchangeSimulatorHost.StartAsync(Frozen());
        sim.Faults.OrderDelay = TimeSpan.FromSeconds(3);
        var (http, trading) = Client(sim, timeout: TimeSpan.FromMilliseconds(700));
        using var _ = http;
        sim.Faults.FailNextOrders(fault);

        await Assert.ThrowsAsync<BinanceUnknownOutcomeException>(() =>
            trading.PlaceOrderAsync(new BinanceNewOrder("ETHBTC", BinanceSide.Buy, BinanceOrderType.Market, 1m, null, "fibo-lost")));

        var truth = await trading.QueryOrderAsync("ETHBTC", "fibo-lost");
        Assert.Equal("FILLED", truth!.Status);
        Assert.Single(sim.Exchange.Orders()); // the client did not send it again
    }

    [Fact]
    public async Task A_500_before_the_engine_leaves_no_order_and_the_query_says_so()
    {
        await using var sim = await ExchangeSimulatorHost.StartAsync(Frozen());
        var (http, trading) = Client(sim);
        using var _ = http;
        sim.Faults.FailNextOrders(OrderFault.ErrorBeforeAccept);
        await Assert.ThrowsAsync<BinanceUnknownOutcomeException>(() =>
            trading.PlaceOrderAsync(new BinanceNewOrder("ETHBTC", BinanceSide.Buy, BinanceOrderType.Market, 1m, null, "fibo-never")));
        Assert.Null(await trading.QueryOrderAsync("ETHBTC", "fibo-never")); // -2013: definitively not there
        Assert.Empty(sim.Exchange.Orders());
    }
}
