using System.Globalization;
using Fibo.Messages.Trading;

namespace Fibo.Actors.Domain.Trading;

/// <summary>
/// The ledger CSV: the seed's columns (SEED-SPEC §7.6: time, symbol, side, pred, price, amount, paper, status) with a
/// fixed header, plus what the seed lacked (§12.D.21): epoch ms next to the ISO-8601 UTC time, the client order id,
/// the fee (quote units) and the average fill price. One row per order, in the order they were recorded; "time" is
/// when the intent was recorded, "price" the close the decision saw, "amount" the ordered quantity.
/// </summary>
public static class LedgerCsv
{
    public static readonly IReadOnlyList<string> Columns =
        ["time", "time_ms", "symbol", "side", "pred", "price", "amount", "paper", "status", "client_order_id", "fee", "fill_price"];

    public static string Header => string.Join(',', Columns);

    public static void Write(TextWriter writer, IEnumerable<LedgerOrder> orders)
    {
        writer.Write(Header);
        writer.Write('\n');
        foreach (var order in orders)
        {
            writer.Write(Row(order));
            writer.Write('\n');
        }
    }

    public static string Row(LedgerOrder order)
    {
        var i = order.Intent;
        var inv = CultureInfo.InvariantCulture;
        string[] cells =
        [
            DateTimeOffset.FromUnixTimeMilliseconds(order.RecordedAtMs).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", inv),
            order.RecordedAtMs.ToString(inv),
            i.Series.Symbol.Exchange,
            i.Side == OrderSide.Buy ? "buy" : "sell",
            i.PredictedReturn.ToString("R", inv),
            Number(i.ReferencePrice),
            Number(i.Quantity),
            order.Paper ? "True" : "False",
            StatusText(order.Status),
            i.ClientOrderId,
            Number(order.TotalFee),
            order.AverageFillPrice is { } fill ? Number(fill) : "",
        ];
        return string.Join(',', cells.Select(Escape));
    }

    /// <summary>A decimal without the trailing zeros its arithmetic may carry (0.101000 → 0.101).</summary>
    public static string Number(decimal value) => value.ToString("0.############################", CultureInfo.InvariantCulture);

    public static string StatusText(OrderStatus status) => status switch
    {
        OrderStatus.Recorded => "recorded",
        OrderStatus.Submitted => "submitted",
        OrderStatus.Acknowledged => "acknowledged",
        OrderStatus.PartiallyFilled => "partially_filled",
        OrderStatus.Filled => "filled",
        OrderStatus.Rejected => "rejected",
        OrderStatus.Cancelled => "cancelled",
        _ => "unknown",
    };

    private static string Escape(string cell) =>
        cell.AsSpan().IndexOfAny(",\"\n\r") < 0 ? cell : "\"" + cell.Replace("\"", "\"\"") + "\"";
}
