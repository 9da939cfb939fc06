using Fibo.Actors.Domain.Trading.Brokers;
using Fibo.Actors.Tests.Support;
using Fibo.Messages.Primitives;
using Fibo.Messages.Trading;

namespace Fibo.Actors.Tests.Domain.Trading;

public class PaperBrokerTests
{
    private static readonly SeriesKey S = TestCandles.Series;
    private static BrokerOrderRequest Order(string id, OrderSide side, decimal qty = 1000m, int candle = 0) =>
        new(id, S, side, qty, TestCandles.OpenTime(candle));

    [Fact]
    public void A_market_order_fills_at_the_next_open_with_binance_taker_fee()
    {
        var broker = new PaperBroker();
        var ack = broker.Submit(Order("c1", OrderSide.Buy));
        Assert.Equal(BrokerOrderState.Accepted, ack.State);
        Assert.Equal("paper-1", ack.BrokerOrderId);
        Assert.Empty(ack.Fills);

        // The decision candle itself never fills the order (no look-ahead).
        Assert.Empty(broker.OnCandle(S, TestCandles.At(0, 0.0990, 0.1000)));
        var reports = broker.OnCandle(S, TestCandles.At(1, 0.1010, 0.1050));
        var filled = Assert.Single(reports);
        Assert.Equal(BrokerOrderState.Filled, filled.State);
        var fill = Assert.Single(filled.Fills);
        Assert.Equal(new BrokerFill("paper-1-1", 1000m, 0.1010m, 0.101m, TestCandles.OpenTime(1)), fill); // 0.1 % of 101
        Assert.Equal(0, broker.RestingCount);
        Assert.Equal(filled, broker.Query("c1"));
        Assert.Empty(broker.OnCandle(S, TestCandles.At(2, 0.2, 0.2)));
    }

    [Theory]
    [InlineData(OrderSide.Buy, 0.10025)]  // pays 25 bps more
    [InlineData(OrderSide.Sell, 0.09975)] // receives 25 bps less
    public void Slippage_moves_the_price_against_the_order(OrderSide side, double expected)
    {
        var broker = PaperBroker.WithBasisPoints(feeBps: 7.5m, slippageBps: 25m);
        broker.Submit(Order("c1", side, 200m));
        var fill = Assert.Single(Assert.Single(broker.OnCandle(S, TestCandles.At(1, 0.1, 0.2))).Fills);
        Assert.Equal((decimal)expected, fill.Price);
        Assert.Equal(200m * (decimal)expected * 0.00075m, fill.Fee);
    }

    [Fact]
    public void Submitting_the_same_client_order_id_twice_creates_one_order()
    {
        var broker = new PaperBroker();
        var first = broker.Submit(Order("c1", OrderSide.Buy));
        var second = broker.Submit(Order("c1", OrderSide.Buy, 5m));
        Assert.Equal(first, second);
        var fill = Assert.Single(Assert.Single(broker.OnCandle(S, TestCandles.At(1, 0.1, 0.1))).Fills);
        Assert.Equal(1000m, fill.Quantity);
        Assert.Equal(BrokerOrderState.Filled, broker.Submit(Order("c1", OrderSide.Buy)).State);
    }

    [Fact]
    public void Queries_answer_not_found_only_for_orders_it_never_had()
    {
        var broker = new PaperBroker();
        Assert.Equal(BrokerOrderState.NotFound, broker.Query("nope").State);
        broker.Submit(Order("c1", OrderSide.Buy));
        Assert.Equal(BrokerOrderState.Accepted, broker.Query("c1").State);
    }

    [Fact]
    public void Cancel_stops_a_resting_order_but_not_a_filled_one()
    {
        var broker = new PaperBroker();
        broker.Submit(Order("c1", OrderSide.Buy));
        broker.Submit(Order("c2", OrderSide.Sell));
        Assert.Equal(BrokerOrderState.Cancelled, broker.Cancel("c1").State);
        var reports = broker.OnCandle(S, TestCandles.At(1, 0.1, 0.1));
        Assert.Equal("c2", Assert.Single(reports).ClientOrderId);
        Assert.Equal(BrokerOrderState.Filled, broker.Cancel("c2").State);
        Assert.Equal(BrokerOrderState.NotFound, broker.Cancel("c3").State);
    }

    [Fact]
    public void An_order_submitted_without_a_journaled_answer_is_restored_as_accepted_after_the_restored_ids()
    {
        // The executor's node died between journaling "submitted" and journaling the broker's answer: the new node's book
        // gets the acknowledged order back under its id, and the unanswered one as the simulated exchange accepted it.
        var broker = new PaperBroker();
        broker.Restore(Order("acked", OrderSide.Buy), "paper-7", []);
        broker.Restore(Order("unanswered", OrderSide.Sell, candle: 1), null, []);
        var report = broker.Query("unanswered");
        Assert.Equal(BrokerOrderState.Accepted, report.State);
        Assert.Equal("paper-8", report.BrokerOrderId);
        broker.Restore(Order("unanswered", OrderSide.Sell, candle: 1), null, []); // again: nothing changes
        Assert.Equal(2, broker.RestingCount);
        Assert.Equal(["acked", "unanswered"], broker.OnCandle(S, TestCandles.At(2, 0.1, 0.1)).Select(r => r.ClientOrderId).Order());
    }

    [Fact]
    public void Only_candles_of_the_order_series_fill_it()
    {
        var broker = new PaperBroker();
        broker.Submit(Order("c1", OrderSide.Buy));
        Assert.Empty(broker.OnCandle(SeriesKey.Parse("ETH_BTC-1m"), TestCandles.At(1, 0.1, 0.1)));
        Assert.Single(broker.OnCandle(S, TestCandles.At(1, 0.1, 0.1)));
    }

    [Fact]
    public void Invalid_quantity_is_a_broker_rejection_not_an_exception()
    {
        var report = new PaperBroker().Submit(Order("c1", OrderSide.Buy, 0m));
        Assert.Equal(BrokerOrderState.Rejected, report.State);
        Assert.Contains("quantity", report.Reason);
    }

    [Fact]
    public void A_custom_fill_model_can_fill_in_parts()
    {
        var broker = new PaperBroker(new HalfPerCandle(), PercentFeeModel.BinanceSpotTaker);
        broker.Submit(Order("c1", OrderSide.Buy, 10m));
        Assert.Equal(BrokerOrderState.PartiallyFilled, Assert.Single(broker.OnCandle(S, TestCandles.At(1, 1, 1))).State);
        var last = Assert.Single(broker.OnCandle(S, TestCandles.At(2, 2, 2)));
        Assert.Equal(BrokerOrderState.Filled, last.State);
        Assert.Equal(new[] { "paper-1-1", "paper-1-2" }, last.Fills.Select(f => f.FillId));
        Assert.Equal(10m, last.FilledQuantity);
    }

    [Fact]
    public void Same_calls_same_results()
    {
        static IReadOnlyList<BrokerOrderReport> Run()
        {
            var broker = PaperBroker.WithBasisPoints(10m, 3m);
            var all = new List<BrokerOrderReport>();
            for (var i = 0; i < 50; i++)
            {
                all.Add(broker.Submit(Order("c" + i, i % 2 == 0 ? OrderSide.Buy : OrderSide.Sell, 1 + i, i)));
                all.AddRange(broker.OnCandle(S, TestCandles.At(i + 1, 0.1 + i * 0.001, 0.1)));
            }
            return all;
        }
        Assert.Equal(Run(), Run());
    }

    [Fact]
    public async Task Works_through_the_broker_interface()
    {
        IBroker broker = new PaperBroker();
        Assert.True(broker.IsPaper);
        Assert.Equal(BrokerOrderState.Accepted, (await broker.SubmitAsync(Order("c1", OrderSide.Buy))).State);
        Assert.Equal(BrokerOrderState.Accepted, (await broker.QueryAsync(S.Symbol, "c1")).State);
        Assert.Equal(BrokerOrderState.Cancelled, (await broker.CancelAsync(S.Symbol, "c1")).State);
    }

    private sealed class HalfPerCandle : IFillModel
    {
        public PaperFillQuote? TryFill(BrokerOrderRequest order, Fibo.Messages.MarketData.Candle candle) =>
            candle.OpenTime <= order.CandleOpenTime ? null : new PaperFillQuote(Math.Max(5m, order.Quantity / 2), (decimal)candle.Open);
    }
}
