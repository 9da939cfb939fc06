using Fibo.Actors.Domain.Backtesting;
using Fibo.Actors.Domain.Trading;
using Fibo.Actors.Domain.Trading.Brokers;
using Fibo.Actors.Tests.Support;
using Fibo.Messages.Trading;
using static Fibo.Actors.Tests.Domain.Trading.LedgerTestData;

namespace Fibo.Actors.Tests.Domain.Trading;

public class LedgerCsvTests
{
    [Fact]
    public void Header_is_fixed_with_the_seed_columns_first()
    {
        Assert.Equal("time,time_ms,symbol,side,pred,price,amount,paper,status,client_order_id,fee,fill_price", LedgerCsv.Header);
    }

    [Fact]
    public void Rows_carry_iso_time_epoch_ms_status_fee_and_fill_price()
    {
        var executor = new SynchronousOrderExecutor(Ledger.Open(A), new PaperBroker());
        var t = new DateTimeOffset(2024, 3, 5, 12, 34, 56, 789, TimeSpan.Zero).ToUnixTimeMilliseconds();
        var buy = Intent(OrderSide.Buy, 1000m, 0.1m) with { PredictedReturn = 0.0163 };
        executor.Place(buy, t);
        executor.OnCandle(S, TestCandles.At(1, 0.1010, 0.1020));
        var sell = Intent(OrderSide.Sell, 1000m, 0.102m, candle: 1) with { PredictedReturn = -0.002 };
        executor.Place(sell, t + 300_000);

        var text = new StringWriter();
        LedgerCsv.Write(text, executor.Ledger.OrdersInSequence);
        var lines = text.ToString().Split('\n');
        Assert.Equal(4, lines.Length); // header, 2 rows, trailing newline
        Assert.Equal(LedgerCsv.Header, lines[0]);
        Assert.Equal($"2024-03-05T12:34:56.789Z,{t},ETHBTC,buy,0.0163,0.1,1000,True,filled,{buy.ClientOrderId},0.101,0.101", lines[1]);
        Assert.Equal($"2024-03-05T12:39:56.789Z,{t + 300_000},ETHBTC,sell,-0.002,0.102,1000,True,acknowledged,{sell.ClientOrderId},0,", lines[2]);
        Assert.Equal("", lines[3]);
        Assert.All(lines[1..3], l => Assert.Equal(LedgerCsv.Columns.Count, l.Split(',').Length));
    }

    [Theory]
    [InlineData("0.101000", "0.101")]
    [InlineData("1000", "1000")]
    [InlineData("-2.50", "-2.5")]
    [InlineData("0.00000001", "0.00000001")]
    public void Numbers_drop_trailing_zeros(string value, string expected) =>
        Assert.Equal(expected, LedgerCsv.Number(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Status_names_are_stable()
    {
        Assert.Equal(
            ["recorded", "submitted", "acknowledged", "partially_filled", "filled", "rejected", "cancelled", "unknown"],
            Enum.GetValues<OrderStatus>().Select(LedgerCsv.StatusText));
    }
}
