using Fibo.Actors.Domain.Trading;
using Fibo.Actors.Infrastructure.Binance;
using Fibo.Actors.Infrastructure.Binance.MarketData;
using Fibo.Actors.Infrastructure.Binance.Rest;
using Fibo.Actors.Infrastructure.Binance.Simulator;
using Fibo.Actors.Infrastructure.Binance.Trading;
using Fibo.Messages.Primitives;
using Fibo.Messages.Trading;
using static Fibo.Actors.Tests.Infrastructure.Binance.BinanceTestMarkets;

namespace Fibo.Actors.Tests.Infrastructure.Binance;

/// <summary>
/// The Binance broker behind the real ledger, against the simulator with lost answers and executor restarts (F11):
/// exactly one exchange order per client order id, and the ledger equals the exchange's fills and balances. Intents are
/// sized to the exchange's filters before they are recorded, and the buys' base-asset commissions are booked against
/// the position, so every exit sells exactly what the account holds: no base asset is needed besides.
/// </summary>
public class BinanceBrokerTests
{
    private const string Account = "live";

    private static ExchangeSimulatorOptions Market() => new()
    {
        Data = RealFiveMinute(),
        Speed = 0,
        HistoryCandles = 100,
        Balances = new Dictionary<string, decimal> { ["BTC"] = 1m, ["ETH"] = 0m, ["LTC"] = 0m },
    };

    /// <summary>One executor incarnation: a client and a broker. A "restart" throws it away and builds a new one.</summary>
    private sealed class Executor : IDisposable
    {
        private readonly BinanceHttp _http;

        public Executor(ExchangeSimulatorHost sim)
        {
            _http = new BinanceHttp(sim.FastClient(TimeSpan.FromMilliseconds(600)), sim.Credentials());
            Broker = new BinanceBroker(new BinanceSpotTrading(_http), new BinanceMarketData(_http),
                new BinanceBrokerOptions { UnknownOutcomeQueryDelay = TimeSpan.FromMilliseconds(50) });
        }

        public BinanceBroker Broker { get; }

        public void Dispose() => _http.Dispose();
    }

    private static Ledger Apply(Ledger ledger, ILedgerCommand command)
    {
        var decision = ledger.Decide(command);
        Assert.False(decision.IsRejected, $"{command.GetType().Name}: {decision.Rejection?.Code} {decision.Rejection?.Message}");
        return ledger.EvolveAll(decision.Events);
    }

    /// <summary>Recovery: every order the ledger still has open is asked about, until the broker gives a real answer.</summary>
    private static async Task<Ledger> Reconcile(Ledger ledger, BinanceBroker broker)
    {
        foreach (var cid in ledger.OpenOrderIds.ToArray())
        {
            var symbol = ledger.Orders[cid].Intent.Series.Symbol;
            for (int attempt = 0; ; attempt++)
            {
                var decision = ledger.Decide(new ReconcileOrder(Account, await broker.QueryAsync(symbol, cid), Now));
                if (decision.Rejection?.Code == LedgerRejectionCode.Unresolved && attempt < 20) { await Task.Delay(50); continue; }
                Assert.False(decision.IsRejected, decision.Rejection?.Message);
                ledger = ledger.EvolveAll(decision.Events);
                break;
            }
        }
        return ledger;
    }

    private static long Now => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    private enum Crash { None, AfterSubmitBeforeReport, AfterSubmitAndResubmit }

    private sealed record Step(SeriesKey Series, OrderSide Side, int Candle, OrderFault? Fault, Crash Crash = Crash.None);

    [Fact]
    public async Task Lost_answers_and_restarts_give_one_exchange_order_per_intent_and_the_ledger_equals_the_exchange()
    {
        await using var sim = await ExchangeSimulatorHost.StartAsync(Market());
        sim.Faults.OrderDelay = TimeSpan.FromSeconds(2);
        var steps = new Step[]
        {
            new(EthBtc5m, OrderSide.Buy, 101, null),
            new(EthBtc5m, OrderSide.Sell, 103, OrderFault.ErrorAfterAccept),
            new(LtcBtc5m, OrderSide.Buy, 104, OrderFault.AbortAfterAccept, Crash.AfterSubmitAndResubmit),
            new(LtcBtc5m, OrderSide.Sell, 107, OrderFault.DelayAfterAccept),
            new(EthBtc5m, OrderSide.Buy, 110, OrderFault.ErrorBeforeAccept), // never reaches the engine: cancelled, no position
            new(EthBtc5m, OrderSide.Buy, 111, null, Crash.AfterSubmitBeforeReport),
            new(EthBtc5m, OrderSide.Sell, 115, OrderFault.AbortAfterAccept),
            new(LtcBtc5m, OrderSide.Buy, 118, null),
            new(LtcBtc5m, OrderSide.Sell, 120, OrderFault.ErrorAfterAccept, Crash.AfterSubmitBeforeReport),
        };

        var ledger = Apply(Ledger.Open(Account), new FundAccount(Account, "start", "BTC", 1m, Now));
        var executor = new Executor(sim);
        var intents = new List<OrderIntent>();
        try
        {
            foreach (var step in steps)
            {
                sim.Market.Seek(step.Series, step.Candle); // the decision's candle: prices move between steps
                long candleTime = sim.Market.AllCandles(step.Series)[step.Candle].OpenTime;
                var position = ledger.PositionOf(step.Series).Quantity;
                var wanted = step.Side == OrderSide.Buy ? 0.123456m : position;
                var price = sim.Exchange.MarketPrice(step.Series.Symbol.Exchange)!.Value;
                var raw = new OrderIntent(Account, step.Series, candleTime, step.Side,
                    step.Side == OrderSide.Buy ? OrderPurpose.Entry : OrderPurpose.Exit, IntentReason.Signal, wanted, price,
                    0.001, 0.002, null, null, ClientOrderIds.For(Account, step.Series, candleTime, step.Side));
                // Sized to the exchange's filters before it is recorded, as the executor does.
                var sized = OrderSizing.Fit(raw, await executor.Broker.RulesAsync(step.Series.Symbol), ledger.PositionOf(step.Series));
                Assert.True(sized.IsAccepted, sized.Refusal);
                var intent = sized.Intent!;
                Assert.True(intent.Quantity <= wanted);
                intents.Add(intent);

                // The executor's order: persist the intent, persist "submitted", then send.
                ledger = Apply(ledger, new RecordOrderIntent(Account, intent, executor.Broker.IsPaper, Now));
                ledger = Apply(ledger, new MarkOrderSubmitted(Account, intent.ClientOrderId, Now));
                if (step.Fault is { } fault) sim.Faults.FailNextOrders(fault);
                var request = new BrokerOrderRequest(intent.ClientOrderId, intent.Series, intent.Side, intent.Quantity, intent.CandleOpenTime);
                var report = await executor.Broker.SubmitAsync(request);

                if (step.Crash != Crash.None)
                {
                    // The process dies before the report is persisted; a new incarnation recovers from the ledger.
                    executor.Dispose();
                    executor = new Executor(sim);
                    if (step.Crash == Crash.AfterSubmitAndResubmit)
                    {
                        // A careless restart re-sends the same intent: the broker must answer with the existing order.
                        var again = await executor.Broker.SubmitAsync(request);
                        Assert.NotEqual(BrokerOrderState.NotFound, again.State);
                    }
                    ledger = await Reconcile(ledger, executor.Broker);
                }
                else
                {
                    ledger = Apply(ledger, new ApplyBrokerReport(Account, report, Now));
                    ledger = await Reconcile(ledger, executor.Broker); // an unknown outcome is resolved by query, never by resubmit
                }
                // What an exit leaves below the lot step is dust: swept, so the series is flat for the next entry.
                var ended = ledger.Orders[intent.ClientOrderId];
                if (OrderSizing.DustAfterFill(ledger, ended, await executor.Broker.RulesAsync(step.Series.Symbol), Now) is { } sweep)
                    ledger = Apply(ledger, sweep);
                if (ended.Status == OrderStatus.Filled && step.Side == OrderSide.Sell) Assert.True(ledger.PositionOf(step.Series).IsFlat);
                Assert.Empty(ledger.OpenOrderIds);
            }
        }
        finally
        {
            executor.Dispose();
        }

        // I2: at most one exchange order per client order id; exactly one unless the submit never reached the engine.
        var orders = sim.Exchange.Orders();
        foreach (var intent in intents)
        {
            var atExchange = orders.Count(o => o.ClientOrderId == intent.ClientOrderId);
            var inLedger = ledger.Orders[intent.ClientOrderId];
            if (inLedger.Status == OrderStatus.Cancelled) Assert.Equal(0, atExchange);
            else
            {
                Assert.Equal(1, atExchange);
                Assert.Equal(OrderStatus.Filled, inLedger.Status);
            }
        }
        Assert.Equal(intents.Count - 1, orders.Count);
        Assert.Equal(OrderStatus.Cancelled, ledger.Orders[intents[4].ClientOrderId].Status);
        Assert.Equal(steps.Count(s => s.Fault is not null), sim.Faults.InjectedOrderFaults); // every fault was used

        // I4: the ledger's fills are the exchange's trades, one for one.
        var trades = sim.Exchange.Trades();
        var ledgerFills = ledger.Orders.Values.SelectMany(o => o.Fills.Select(f => (o.ClientOrderId, f))).ToList();
        Assert.Equal(trades.Count, ledgerFills.Count);
        foreach (var trade in trades)
        {
            var order = orders.Single(o => o.Id == trade.OrderId);
            var (_, fill) = ledgerFills.Single(x => x.ClientOrderId == order.ClientOrderId && x.f.FillId == trade.Id.ToString());
            Assert.Equal((trade.Quantity, trade.Price, trade.Commission, trade.CommissionAsset), (fill.Quantity, fill.Price, fill.Fee, fill.FeeAsset));
            // Valued in quote: a buy's base-asset commission at its fill price.
            Assert.Equal(trade.CommissionAsset == "BTC" ? trade.Commission : trade.Commission * trade.Price, fill.QuoteFee);
        }

        // ...and the balances: each base balance is exactly the ledger's position plus its dust (the buys' commissions were
        // taken from it on both sides), and the quote cash is the ledger's (the exchange rounds each trade's quote amount
        // to 8 decimals; the ledger keeps exact products).
        var balances = sim.Exchange.Balances();
        foreach (var (series, asset) in new[] { (EthBtc5m, "ETH"), (LtcBtc5m, "LTC") })
            Assert.Equal(balances[asset].Free, ledger.PositionOf(series).Quantity + ledger.DustOf(series));
        Assert.InRange(Math.Abs(balances["BTC"].Free - ledger.CashOf("BTC")), 0m, trades.Count * 0.00000001m);
        Assert.True(ledger.Dust.Values.Sum() > 0, "the commissions left sub-step remainders: they are dust, not positions");
    }

    [Fact]
    public async Task Orders_below_the_minimum_are_rejected_with_the_reason_and_never_sent()
    {
        await using var sim = await ExchangeSimulatorHost.StartAsync(Market());
        using var executor = new Executor(sim);
        var report = await executor.Broker.SubmitAsync(new BrokerOrderRequest("fibo-too-small", EthBtc5m, OrderSide.Buy, 0.00005m, 0));
        Assert.Equal(BrokerOrderState.Rejected, report.State);
        Assert.Contains("below the minimum", report.Reason);
        Assert.Contains("LOT_SIZE", report.Reason);
        Assert.Empty(sim.Exchange.Orders());

        var broke = await executor.Broker.SubmitAsync(new BrokerOrderRequest("fibo-too-big", EthBtc5m, OrderSide.Buy, 1000m, 0));
        Assert.Equal(BrokerOrderState.Rejected, broke.State);
        Assert.Contains("insufficient balance", broke.Reason);
        Assert.Contains("-2010", broke.Reason);
    }

    [Fact]
    public async Task Cancel_reports_the_final_state_and_query_of_an_unknown_id_is_not_found()
    {
        await using var sim = await ExchangeSimulatorHost.StartAsync(Market());
        using var executor = new Executor(sim);
        var filled = await executor.Broker.SubmitAsync(new BrokerOrderRequest("fibo-c1", EthBtc5m, OrderSide.Buy, 0.5m, 0));
        Assert.Equal(BrokerOrderState.Filled, filled.State);
        Assert.Equal(0.5m, filled.FilledQuantity);

        var afterCancel = await executor.Broker.CancelAsync(EthBtc5m.Symbol, "fibo-c1"); // a filled order stays filled
        Assert.Equal(filled, afterCancel);
        Assert.Equal(BrokerOrderState.NotFound, (await executor.Broker.QueryAsync(EthBtc5m.Symbol, "fibo-nope")).State);
        Assert.Equal(BrokerOrderState.NotFound, (await executor.Broker.CancelAsync(EthBtc5m.Symbol, "fibo-nope")).State);
        Assert.True(executor.Broker.IsPaper); // the simulator moves no real money
    }
}
