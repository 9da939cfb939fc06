using System.Text.Json;
using Fibo.Actors.Domain.Backtesting;
using Fibo.Actors.Domain.Trading;
using Fibo.Actors.Tests.Domain.Backtesting;
using Fibo.Actors.Tests.Support;
using Fibo.Messages.Trading;

namespace Fibo.Actors.Tests.Domain.Trading;

public class LedgerSnapshotTests
{
    [Fact]
    public void A_snapshot_restores_the_same_state_and_the_same_future()
    {
        var candles = TestCandles.LoadRepoCsv("data/sample/XRP_ETH-5m.csv", TestCandles.Step);
        var options = new BacktestOptions { Policy = new TradingPolicyOptions { Risk = new RiskLimits { AllowShort = true } } };
        var full = new Backtester(options, () => new LogReturnWindow(8), new OracleForecaster(candles, 8)).Run(TestCandles.Series, candles);
        Assert.True(full.Journal.Count > 100);

        // Snapshot halfway through the journal, restore, apply the rest: same state as the full replay.
        var limits = options.Policy.Risk;
        var half = full.Journal.Count / 2;
        var atHalf = Ledger.Open("backtest", limits).EvolveAll(full.Journal.Take(half));
        var snapshot = atHalf.ToSnapshot();
        var restored = Ledger.FromSnapshot(snapshot, limits);
        Assert.Equal(snapshot, restored.ToSnapshot());
        LedgerEvolveTests.AssertSameState(atHalf, restored);
        LedgerEvolveTests.AssertSameState(full.Ledger, restored.EvolveAll(full.Journal.Skip(half)));
    }

    [Fact]
    public void A_snapshot_with_open_orders_keeps_them_open_for_reconciliation()
    {
        var i = LedgerTestData.Intent(OrderSide.Buy, 10m);
        var ledger = LedgerTestData.Given(LedgerTestData.Recorded(i), LedgerTestData.Submitted(i), new OrderOutcomeUnknown(LedgerTestData.A, i.ClientOrderId, "503", 3),
            new TradingHalted(LedgerTestData.A, "operator", 4));
        var restored = Ledger.FromSnapshot(ledger.ToSnapshot());
        Assert.Equal([i.ClientOrderId], restored.OpenOrderIds);
        Assert.True(restored.Halted);
        Assert.Equal(OrderStatus.Unknown, restored.Orders[i.ClientOrderId].Status);
    }

    [Fact]
    public void The_snapshot_is_plain_data_that_json_round_trips()
    {
        var candles = TestCandles.LoadRepoCsv("data/sample/XRP_ETH-5m.csv", TestCandles.Step);
        var r = new Backtester(new BacktestOptions(), () => new LogReturnWindow(8), new OracleForecaster(candles, 8)).Run(TestCandles.Series, candles);
        var snapshot = r.Ledger.ToSnapshot();
        Assert.NotEmpty(snapshot.Orders);
        var options = Fibo.Messages.Serialization.FiboJson.CreateOptions(); // the journal's settings
        var json = JsonSerializer.Serialize(snapshot, options);
        Assert.Equal(snapshot, JsonSerializer.Deserialize<LedgerSnapshot>(json, options));
        Assert.Equal(snapshot, Ledger.FromSnapshot(JsonSerializer.Deserialize<LedgerSnapshot>(json, options)!).ToSnapshot());
    }
}
