using Fibo.Actors.Actors.Trading;
using Fibo.Actors.Domain.Trading;
using Fibo.Actors.Hosting;
using Fibo.Actors.Hosting.Options;
using Fibo.Actors.Infrastructure.Trading;
using Fibo.Actors.Tests.Support;
using Fibo.Messages.MarketData;
using Fibo.Messages.Primitives;
using Fibo.Messages.Trading;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Fibo.Actors.Tests.Actors;

/// <summary>
/// The persistent order executor on a SQLite journal, in a node without Kafka ingest: recovery reconciles every open order with
/// the broker before any new intent is accepted, an intent is never sent twice, and a journal failure fails closed.
/// </summary>
public sealed class OrderExecutorTests : IDisposable
{
    private const string Account = "acct";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private static readonly SeriesKey Eth = SeriesKey.Parse("ETH_BTC-5m"), Ltc = SeriesKey.Parse("LTC_BTC-5m"), Xrp = SeriesKey.Parse("XRP_ETH-5m");
    private const long T0 = 1_515_560_100_000;
    private readonly TempDirectory _dir = new("fibo-executor");
    private readonly SpyBrokerFactory _spy = new();

    private FiboOptions Options() => PipelineNode.OptionsFor(_dir, null, "unused", o =>
    {
        o.Node.Roles = [FiboRoles.Trading, FiboRoles.Compute]; // no ingest: intents are sent by the test
        o.Trading.Accounts = [new AccountOptions { Id = Account, Broker = "spy" }];
        o.Trading.ReconcileRetryMs = 100;
    });

    private Task<PipelineNode> StartAsync() => PipelineNode.StartAsync(Options(), s => s.AddSingleton<IBrokerFactory>(_spy));

    private static OrderIntent Buy(SeriesKey series, long candle, decimal price = 0.1m) =>
        new(Account, series, candle, OrderSide.Buy, OrderPurpose.Entry, IntentReason.Signal, 10m, price, 0.001, double.NaN, null, null,
            ClientOrderIds.For(Account, series, candle, OrderSide.Buy));

    private static Candle At(long t, double open) => new(t, open, open * 1.01, open * 0.99, open, 5, t + 299_999);

    [Fact]
    public async Task Recovery_reconciles_open_orders_before_new_intents_and_never_sends_an_intent_twice()
    {
        var a = Buy(Eth, T0);
        var b = Buy(Ltc, T0);
        await using (var first = await StartAsync())
        {
            Assert.True((await first.ExecutorAskAsync<OrderPlacement>(new PlaceOrder(Account, a, T0 + 300_000))).Accepted);
            Assert.True((await first.ExecutorAskAsync<OrderPlacement>(new PlaceOrder(Account, b, T0 + 300_000))).Accepted);
            var filled = await first.ExecutorAskAsync<CandleOffered>(new OfferCandle(Account, Ltc, At(T0 + 300_000, 0.11)));
            Assert.Equal(10m, filled.Position.Quantity);
            Assert.False(filled.Position.HasPendingOrder);
        }
        Assert.Equal([a.ClientOrderId, b.ClientOrderId], _spy.Submitted);

        // A new life: the first message is a new intent, the second the old one again.
        await using var second = await StartAsync();
        var c = Buy(Xrp, T0 + 600_000);
        var placedC = await second.ExecutorAskAsync<OrderPlacement>(new PlaceOrder(Account, c, T0 + 900_000));
        var againA = await second.ExecutorAskAsync<OrderPlacement>(new PlaceOrder(Account, a, T0 + 300_000));
        Assert.True(placedC.Accepted, placedC.Reason);
        Assert.True(againA.Accepted);
        Assert.Equal("already recorded", againA.Reason);
        Assert.Equal([a.ClientOrderId, b.ClientOrderId, c.ClientOrderId], _spy.Submitted); // A was not sent again

        // The journal says the open order A was reconciled before C was even recorded.
        var journal = JournalFile.Read(_dir.File("journal.db"), OrderExecutorActor.PersistenceIdOf(Account));
        var reconciledA = journal.Single(r => r.Manifest == "order-reconciled.v1").SequenceNr;
        var recordedC = journal.Single(r => r.Manifest == "order-intent-recorded.v1" && r.Event.GetProperty("intent").GetProperty("clientOrderId").GetString() == c.ClientOrderId).SequenceNr;
        Assert.True(reconciledA < recordedC, $"reconciled at #{reconciledA}, new intent recorded at #{recordedC}");

        // A was put back into the paper book, so it still fills at its series' next candle.
        var fillA = await second.ExecutorAskAsync<CandleOffered>(new OfferCandle(Account, Eth, At(T0 + 300_000, 0.1)));
        Assert.Equal(10m, fillA.Position.Quantity);
        var ledger = await second.LedgerAsync(Account);
        Assert.Equal([OrderStatus.Filled, OrderStatus.Filled, OrderStatus.Acknowledged], ledger.Orders.Select(o => o.Status));
        Assert.Equal([new CashBalance("BTC", 10_000m - 1m - 0.001m - 1.1m - 0.0011m), new CashBalance("ETH", 10_000m)], ledger.Cash);
    }

    [Fact]
    public async Task A_journal_failure_refuses_intents_sends_nothing_and_keeps_trading_halted_until_resumed()
    {
        await using var node = await StartAsync();
        Assert.True((await node.ExecutorAskAsync<OrderPlacement>(new PlaceOrder(Account, Buy(Eth, T0), T0 + 300_000))).Accepted);

        // The journal's disk starts failing every write.
        Sql("CREATE TRIGGER fail_journal BEFORE INSERT ON journal BEGIN SELECT RAISE(ABORT, 'disk I/O error (simulated)'); END;");
        var refused = await node.ExecutorAskAsync<OrderPlacement>(new PlaceOrder(Account, Buy(Ltc, T0), T0 + 300_000));
        Assert.False(refused.Accepted);
        Assert.Contains("journal", refused.Reason);
        var whileBroken = await node.ExecutorAskAsync<OrderPlacement>(new PlaceOrder(Account, Buy(Xrp, T0), T0 + 300_000));
        Assert.False(whileBroken.Accepted);
        Assert.Equal([ClientOrderIds.For(Account, Eth, T0, OrderSide.Buy)], _spy.Submitted); // nothing reached the broker
        var down = await node.ExecutorAsync(Account);
        Assert.NotEqual(ExecutorState.Trading, down.State);

        // The disk recovers: the executor comes back halted (journaled), and trades again only after an operator resumes.
        Sql("DROP TRIGGER fail_journal;");
        await Eventually.True(() => node.ExecutorAsync(Account).GetAwaiter().GetResult().State == ExecutorState.Halted, Wait,
            () => $"state {node.ExecutorAsync(Account).GetAwaiter().GetResult().State}");
        var halted = await node.ExecutorAsync(Account);
        Assert.Contains("journal failure", halted.HaltReason);
        var stillHalted = await node.ExecutorAskAsync<OrderPlacement>(new PlaceOrder(Account, Buy(Xrp, T0), T0 + 300_000));
        Assert.False(stillHalted.Accepted);
        Assert.Contains("halted", stillHalted.Reason);

        var resumed = await node.ExecutorAskAsync<LedgerCommandResult>(new ResumeTrading(Account, T0 + 600_000));
        Assert.True(resumed.Accepted);
        Assert.True((await node.ExecutorAskAsync<OrderPlacement>(new PlaceOrder(Account, Buy(Xrp, T0), T0 + 300_000))).Accepted);
        Assert.Equal(2, _spy.Submitted.Count);
        Assert.Equal(ExecutorState.Trading, (await node.ExecutorAsync(Account)).State);
    }

    private void Sql(string sql)
    {
        using var c = new SqliteConnection($"Data Source={_dir.File("journal.db")};Pooling=False;Default Timeout=30");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    public void Dispose() => _dir.Dispose();
}
