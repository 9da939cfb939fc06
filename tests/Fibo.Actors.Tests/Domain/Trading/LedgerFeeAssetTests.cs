using Fibo.Actors.Domain.Trading;
using Fibo.Messages.Trading;
using static Fibo.Actors.Tests.Domain.Trading.LedgerTestData;

namespace Fibo.Actors.Tests.Domain.Trading;

/// <summary>
/// Fees in the asset the exchange took them from (ETH_BTC: base ETH, quote BTC). Binance takes a buy's commission from the
/// base asset bought, so the position must be what the exchange balance holds; a quote fee keeps its old meaning.
/// </summary>
public class LedgerFeeAssetTests
{
    private static readonly OrderIntent Buy10 = Intent(OrderSide.Buy, 10m);

    private static OrderFilled FilledIn(OrderIntent i, string fillId, decimal qty, decimal price, decimal fee, string? asset, long at = 4) =>
        new(A, i.ClientOrderId, fillId, qty, price, fee, at, asset);

    private static Ledger Bought(decimal fee, string? asset) =>
        Given(new AccountFunded(A, "seed", "BTC", 10_000m, 0), Recorded(Buy10), Submitted(Buy10), Acked(Buy10), FilledIn(Buy10, "f1", 10m, 100m, fee, asset));

    [Fact]
    public void A_base_asset_buy_fee_shrinks_the_position_not_the_cash_and_is_valued_at_the_fill_price()
    {
        var ledger = Bought(0.01m, "ETH");
        var order = ledger.Orders[Buy10.ClientOrderId];
        Assert.Equal(OrderStatus.Filled, order.Status);           // the exchange filled the whole order...
        Assert.Equal(10m, order.FilledQuantity);
        Assert.Equal(9.99m, ledger.PositionOf(S).Quantity);       // ...and kept 0.01 ETH of it: the balance the account holds
        Assert.Equal(100m, ledger.PositionOf(S).AverageEntryPrice);
        Assert.Equal(10_000m - 1000m, ledger.CashOf("BTC"));      // paid the notional, no BTC fee
        Assert.Equal(1m, ledger.FeesPaid);                        // 0.01 ETH × 100
        Assert.Equal(1m, order.TotalFee);
        var fill = Assert.Single(order.Fills);
        Assert.Equal(("ETH", 0.01m, 1m), (fill.FeeAsset, fill.Fee, fill.QuoteFee));
        // Equity is the same as with the equivalent quote fee: 1 BTC lost to fees either way.
        Assert.Equal(Bought(1m, null).Equity("BTC", _ => 105m) - 0.05m, ledger.Equity("BTC", _ => 105m)); // 0.01 ETH fewer marked at 105
    }

    [Fact]
    public void Selling_the_whole_base_fee_position_closes_the_round_trip_with_both_fees()
    {
        var sell = Intent(OrderSide.Sell, 9.99m, 110m, candle: 5);
        var ledger = Bought(0.01m, "ETH").EvolveAll(
        [
            Recorded(sell), Submitted(sell), Acked(sell, "b-2"), FilledIn(sell, "f2", 9.99m, 110m, 1.0989m, "BTC", 20),
        ]);
        Assert.True(ledger.PositionOf(S).IsFlat);
        var trade = Assert.Single(ledger.ClosedTrades);
        Assert.Equal(9.99m * 10m, trade.GrossPnl);
        Assert.Equal(1m + 1.0989m, trade.Fees);
        // Cash: −1000 for the buy, +1098.9 − 1.0989 for the sell; the realized PnL net of fees says the same.
        Assert.Equal(10_000m - 1000m + 1098.9m - 1.0989m, ledger.CashOf("BTC"));
        Assert.Equal(ledger.CashOf("BTC") - 10_000m, ledger.NetRealizedPnl);
    }

    [Fact]
    public void A_fee_in_a_third_asset_is_paid_from_that_asset_and_not_valued()
    {
        var ledger = Bought(0.0003m, "BNB");
        Assert.Equal(10m, ledger.PositionOf(S).Quantity);
        Assert.Equal(10_000m - 1000m, ledger.CashOf("BTC"));
        Assert.Equal(-0.0003m, ledger.CashOf("BNB"));
        Assert.Equal(0m, ledger.FeesPaid);
    }

    [Fact]
    public void A_fill_without_a_fee_asset_is_a_quote_fee_as_every_event_journaled_before()
    {
        var ledger = Bought(1m, null);
        Assert.Equal(10m, ledger.PositionOf(S).Quantity);
        Assert.Equal(10_000m - 1001m, ledger.CashOf("BTC"));
        Assert.Equal("BTC", ledger.Orders[Buy10.ClientOrderId].Fills[0].FeeAsset);
        Assert.Equal(Bought(1m, "BTC").ToSnapshot(), ledger.ToSnapshot());
    }

    [Fact]
    public void Broker_reports_carry_the_fee_asset_into_the_journal_and_snapshots_keep_it()
    {
        var ledger = Given(Recorded(Buy10), Submitted(Buy10));
        var report = Report(Buy10, BrokerOrderState.Filled, new BrokerFill("t1", 10m, 100m, 0.01m, 7, "ETH"));
        var decision = ledger.Decide(new ApplyBrokerReport(A, report, 8));
        Assert.Contains(decision.Events, e => e is OrderFilled { FeeAsset: "ETH", Fee: 0.01m });
        ledger = ledger.EvolveAll(decision.Events);
        var restored = Ledger.FromSnapshot(ledger.ToSnapshot());
        Assert.Equal(ledger.ToSnapshot(), restored.ToSnapshot());
        Assert.Equal(9.99m, restored.PositionOf(S).Quantity);
        Assert.Equal("ETH", restored.Orders[Buy10.ClientOrderId].Fills[0].FeeAsset);

        // A quote fee is journaled without an asset, exactly as before fee assets existed.
        var quote = Given(Recorded(Buy10), Submitted(Buy10)).Decide(new ApplyBrokerReport(A,
            Report(Buy10, BrokerOrderState.Filled, new BrokerFill("t1", 10m, 100m, 1m, 7, "BTC")), 8));
        Assert.Contains(quote.Events, e => e is OrderFilled { FeeAsset: null });
    }

    [Fact]
    public void A_base_fee_as_large_as_the_fill_is_an_anomaly()
    {
        var ledger = Given(Recorded(Buy10), Submitted(Buy10));
        var report = Report(Buy10, BrokerOrderState.Filled, new BrokerFill("t1", 10m, 100m, 10m, 7, "ETH"));
        ThenRejected(ledger.Decide(new ApplyBrokerReport(A, report, 8)), LedgerRejectionCode.Anomaly);
    }
}
