using Fibo.Actors.Domain.Trading;
using Fibo.Actors.Hosting;
using Fibo.Actors.Hosting.Options;
using Fibo.Actors.Infrastructure.Binance.Simulator;
using Fibo.Actors.Tests.Support;
using Fibo.Messages.Primitives;
using Fibo.Messages.Trading;
using static Fibo.Actors.Tests.Infrastructure.Binance.BinanceTestMarkets;

namespace Fibo.Actors.Tests.Actors;

/// <summary>
/// The persistent executor of a <c>Broker = binance</c> account (wired by <see cref="BinanceHosting.AddFiboLive"/>) against
/// the simulator over real HTTP: intents are sized to <c>exchangeInfo</c> before they are recorded, the buy's commission
/// taken in ETH is booked against the position, and the sub-step remainder an exit leaves is swept to dust, so the
/// series is flat and the ledger still equals the exchange's balance.
/// </summary>
public sealed class BinanceExecutorTests : IDisposable
{
    private const string Account = "live";
    private readonly TempDirectory _dir = new("fibo-binance-executor");

    private static OrderIntent Intent(SeriesKey series, int candle, OrderSide side, decimal quantity, decimal price)
    {
        long t = RealFiveMinute()[series][candle].OpenTime;
        return new OrderIntent(Account, series, t, side, side == OrderSide.Buy ? OrderPurpose.Entry : OrderPurpose.Exit, IntentReason.Signal,
            quantity, price, 0.001, double.NaN, null, null, ClientOrderIds.For(Account, series, t, side));
    }

    [Fact]
    public async Task Intents_are_sized_to_the_exchange_and_an_exit_leaves_no_position_only_reported_dust()
    {
        await using var sim = await ExchangeSimulatorHost.StartAsync(new ExchangeSimulatorOptions
        {
            Data = RealFiveMinute(),
            Speed = 0,
            HistoryCandles = 100,
            Balances = new Dictionary<string, decimal> { ["BTC"] = 1m, ["ETH"] = 0m },
        });
        var options = PipelineNode.OptionsFor(_dir, null, "unused", o =>
        {
            o.Node.Roles = [FiboRoles.Trading, FiboRoles.Compute]; // intents come from the test
            o.Binance = sim.FastClient();
            o.Trading.Accounts = [new AccountOptions { Id = Account, Broker = "binance", StartingCash = 0 }];
        });
        await using var node = await PipelineNode.StartAsync(options, s => s.AddFiboLive(options, sim.Credentials()));
        var price = sim.Exchange.MarketPrice("ETHBTC")!.Value;

        // An entry off the lot grid (0.0001) is recorded already rounded down: what the exchange fills is the intent.
        var buy = Intent(EthBtc5m, 100, OrderSide.Buy, 0.123456789m, price);
        var bought = await node.ExecutorAskAsync<OrderPlacement>(new PlaceOrder(Account, buy, buy.CandleOpenTime));
        Assert.True(bought.Accepted, bought.Reason);
        var ledger = await node.LedgerAsync(Account);
        var order = Assert.Single(ledger.Orders);
        Assert.Equal(0.1234m, order.Intent.Quantity);
        Assert.Equal(OrderStatus.Filled, order.Status);
        var fill = Assert.Single(order.Fills);
        Assert.Equal(("ETH", 0.0001234m), (fill.FeeAsset, fill.Fee)); // 0.1 % of the ETH bought, in ETH
        Assert.Equal(0.1232766m, bought.Position!.Quantity);            // what the exchange balance holds
        Assert.Equal(sim.Exchange.Balances()["ETH"].Free, bought.Position.Quantity);

        // The exit of the whole position sells what the grid allows; the rest is dust and the series is flat.
        var sell = Intent(EthBtc5m, 101, OrderSide.Sell, bought.Position.Quantity, price);
        var sold = await node.ExecutorAskAsync<OrderPlacement>(new PlaceOrder(Account, sell, sell.CandleOpenTime));
        Assert.True(sold.Accepted, sold.Reason);
        Assert.Equal(0m, sold.Position!.Quantity);
        Assert.False(sold.Position.HasPendingOrder);
        ledger = await node.LedgerAsync(Account);
        Assert.Equal(0.1232m, ledger.Orders[1].Intent.Quantity);
        Assert.Equal([new DustBalance(EthBtc5m, 0.0000766m)], ledger.Dust);
        Assert.Equal(sim.Exchange.Balances()["ETH"].Free, ledger.Dust!.Single().Quantity);
        Assert.Single(ledger.ClosedTrades);

        // So the next entry is not blocked by the remainder; and one the exchange would refuse is never recorded or sent.
        var tooSmall = Intent(EthBtc5m, 102, OrderSide.Buy, 0.0009m, price);
        var refused = await node.ExecutorAskAsync<OrderPlacement>(new PlaceOrder(Account, tooSmall, tooSmall.CandleOpenTime));
        Assert.False(refused.Accepted);
        Assert.Contains("NOTIONAL", refused.Reason);
        var again = Intent(EthBtc5m, 103, OrderSide.Buy, 0.05m, price);
        Assert.True((await node.ExecutorAskAsync<OrderPlacement>(new PlaceOrder(Account, again, again.CandleOpenTime))).Accepted);
        Assert.Equal(3, (await node.LedgerAsync(Account)).Orders.Count);
        Assert.Equal(3, sim.Exchange.Orders().Count);
        Assert.Equal("binance", (await node.ExecutorAsync(Account)).Broker);
    }

    public void Dispose() => _dir.Dispose();
}
