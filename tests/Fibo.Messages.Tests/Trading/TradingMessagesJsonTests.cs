using System.Text.Json;
using System.Text.Json.Serialization;
using Fibo.Messages.Primitives;
using Fibo.Messages.Serialization;
using Fibo.Messages.Trading;

namespace Fibo.Messages.Tests.Trading;

/// <summary>
/// The trading contracts are plain data: every concrete message type of Fibo.Messages.Trading round-trips through
/// System.Text.Json unchanged with the project's JSON settings, including realistic nested values (fills, positions, snapshots).
/// </summary>
public class TradingMessagesJsonTests
{
    private static readonly SeriesKey S = SeriesKey.Parse("ETH_BTC-5m");
    private static readonly OrderIntent Intent = new("paper", S, 1_515_560_100_000, OrderSide.Buy, OrderPurpose.Entry, IntentReason.Signal,
        1005.02512562m, 0.0995m, 0.00123, 0.0021, 0.0975m, null, "fibo-b222da74e785ba1c7a2715d28a10dd");
    private static readonly BrokerOrderReport Report = new(Intent.ClientOrderId, BrokerOrderState.PartiallyFilled, "paper-1",
        [new BrokerFill("paper-1-1", 500m, 0.0996m, 0.0498m, 1_515_560_400_000)], "partial");

    private static readonly SeriesPosition Position = new(S, "paper", 500m, 0.0996m, 0.0975m, null, true, false, null, 1_515_542_400_000, -0.05m, 0m, 0.0498m, 7);

    public static IEnumerable<object[]> Samples() => new IFiboMessage[]
    {
        Intent,
        new RecordOrderIntent("paper", Intent, true, 1),
        new MarkOrderSubmitted("paper", Intent.ClientOrderId, 2),
        new ApplyBrokerReport("paper", Report, 3),
        new ReconcileOrder("paper", BrokerOrderReport.Unknown(Intent.ClientOrderId, "HTTP 503"), 4),
        new CancelOrder("paper", Intent.ClientOrderId, "stale", 5),
        new HaltTrading("paper", "operator", 6),
        new ResumeTrading("paper", 7),
        new FundAccount("paper", "seed", "BTC", 10_000m, 8),
        new OrderIntentRecorded("paper", Intent, true, 1),
        new OrderSubmitted("paper", Intent.ClientOrderId, 2),
        new OrderAcknowledged("paper", Intent.ClientOrderId, "paper-1", 3),
        new OrderFilled("paper", Intent.ClientOrderId, "paper-1-1", 500m, 0.0996m, 0.0498m, 4),
        new OrderFilled("live", Intent.ClientOrderId, "81723", 500m, 0.0996m, 0.5m, 4, "ETH"),
        new ApplyBrokerReport("live", Report with { Fills = [new BrokerFill("81723", 500m, 0.0996m, 0.5m, 4, "ETH")] }, 3),
        new SweepDust("live", S, 0.0000766m, "below LOT_SIZE minQty", 12),
        new PositionDustSwept("live", S, 0.0000766m, "below LOT_SIZE minQty", 12),
        new OrderRejected("paper", Intent.ClientOrderId, "-2010", 5),
        new OrderCancelled("paper", Intent.ClientOrderId, "expired", 6),
        new OrderOutcomeUnknown("paper", Intent.ClientOrderId, "timeout", 7),
        new OrderReconciled("paper", Intent.ClientOrderId, BrokerOrderState.Filled, 8),
        new TradingHalted("paper", "daily loss", 9),
        new TradingResumed("paper", 10),
        new AccountFunded("paper", "seed", "BTC", 10_000m, 11),
        new LedgerSnapshot("paper",
            [new OrderSnapshot(Intent, true, 1, OrderStatus.PartiallyFilled, 1, 4, "paper-1", null, null, [new FillSnapshot("paper-1-1", 500m, 0.0996m, 0.0498m, 4)])],
            [new PositionSnapshot(S, 500m, 0.0996m, 0m, 0.0498m, 0.0975m, null, 4, 500m, 49.8m, 0m, 0m, 0m, 0.0498m)],
            [new CashBalance("BTC", 9950.1502m)], ["seed"],
            [new ClosedTradeSnapshot(S, OrderSide.Buy, 1, 2, 10m, 0.1m, 0.11m, 0.1m, 0.0021m)],
            0.1m, 0.0519m, 1_515_542_400_000, 0.0481m, false, null, 2),
        new LedgerSnapshot("live",
            [new OrderSnapshot(Intent, true, 1, OrderStatus.Filled, 1, 4, "81", null, null, [new FillSnapshot("81723", 500m, 0.0996m, 0.5m, 4, "ETH")])],
            [], [new CashBalance("BTC", 9950.2m)], [], [], 0m, 0.0498m, 1_515_542_400_000, -0.0498m, false, null, 2,
            [new DustBalance(S, 0.0000766m)]),
        new PlaceOrder("paper", Intent, 1_515_560_400_000),
        new OrderPlacement("paper", Intent.ClientOrderId, true, null, Position),
        new OrderPlacement("paper", Intent.ClientOrderId, false, "executor unavailable", null),
        new OfferCandle("paper", S, new MarketData.Candle(1_515_560_400_000, 0.0996, 0.1, 0.099, 0.0999, 12.5, 1_515_560_699_999)),
        new CandleOffered("paper", S, 1_515_560_400_000, Position),
        new GetSeriesPosition("paper", S),
        Position,
        new GetLedger("paper"),
        new GetLedgerCsv("paper"),
        new LedgerCsvText("paper", 1, "time,time_ms\n"),
        new GetExecutorStatus("paper"),
        new ExecutorStatus("paper", ExecutorState.Trading, "paper", true, 12, 3, 1, 2, false, null, 0.1m, 0.02m, [new CashBalance("BTC", 9_999.9m)], null),
        new LedgerCommandResult("paper", true, null, 1),
        new ExecutorUnavailable("paper", "journal write failed"),
    }.Select(m => new object[] { m });

    [Theory]
    [MemberData(nameof(Samples))]
    public void Round_trips_through_json(IFiboMessage message)
    {
        var type = message.GetType();
        var json = JsonSerializer.Serialize(message, type, Options);
        var back = JsonSerializer.Deserialize(json, type, Options);
        Assert.Equal(message, back);
    }

    [Fact]
    public void Fills_journaled_before_fee_assets_existed_read_as_quote_fees()
    {
        const string old = """{"account":"paper","clientOrderId":"c","fillId":"f","quantity":1,"price":0.1,"fee":0.0001,"atMs":4}""";
        var filled = JsonSerializer.Deserialize<OrderFilled>(old, Options)!;
        Assert.Null(filled.FeeAsset);
        Assert.Equal(0.0001m, filled.Fee);
        const string snapshot = """{"account":"a","orders":[],"positions":[],"cash":[],"fundingIds":[],"closedTrades":[],"realizedPnl":0,"feesPaid":0,"pnlDayStartMs":0,"pnlDayNet":0,"halted":false,"haltReason":null,"nextSequence":1}""";
        Assert.Null(JsonSerializer.Deserialize<LedgerSnapshot>(snapshot, Options)!.Dust);
    }

    [Fact]
    public void Every_trading_message_type_has_a_sample()
    {
        var types = typeof(OrderIntent).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(OrderIntent).Namespace && typeof(IFiboMessage).IsAssignableFrom(t) && !t.IsAbstract && !t.IsInterface)
            .ToHashSet();
        var sampled = Samples().Select(s => s[0].GetType()).ToHashSet();
        Assert.Empty(types.Except(sampled).Select(t => t.Name));
    }

    // The project's wire and journal settings, made strict about unknown members.
    private static readonly JsonSerializerOptions Options = new(FiboJson.CreateOptions())
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };
}
