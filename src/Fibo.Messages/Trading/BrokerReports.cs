using System.Text.Json.Serialization;
using Fibo.Messages.Primitives;

namespace Fibo.Messages.Trading;

/// <summary>A market order as a broker receives it. The client order id is the idempotency key at the exchange.</summary>
/// <param name="CandleOpenTime">The candle the decision was made on; a paper broker fills on a later candle only.</param>
public sealed record BrokerOrderRequest(string ClientOrderId, SeriesKey Series, OrderSide Side, decimal Quantity, long CandleOpenTime);

/// <summary>
/// One execution as the broker reports it. <see cref="Fee"/> is in <see cref="FeeAsset"/>, the asset the exchange took
/// it from: null means the quote asset (the paper broker); Binance takes a buy's commission from the base asset bought
/// (or from BNB when the account pays fees in BNB).
/// </summary>
public sealed record BrokerFill(string FillId, decimal Quantity, decimal Price, decimal Fee, long TimeMs, string? FeeAsset = null);

/// <summary>
/// What a broker knows about one order: its state and <b>every</b> fill so far (the ledger keeps only fills it has not
/// seen). <see cref="BrokerOrderState.Unknown"/> carries no information and must never be read as "absent" or "flat".
/// </summary>
public sealed record BrokerOrderReport(
    string ClientOrderId,
    BrokerOrderState State,
    string? BrokerOrderId,
    IReadOnlyList<BrokerFill> Fills,
    string? Reason = null)
{
    public static BrokerOrderReport Unknown(string clientOrderId, string reason) =>
        new(clientOrderId, BrokerOrderState.Unknown, null, [], reason);

    public static BrokerOrderReport NotFound(string clientOrderId) =>
        new(clientOrderId, BrokerOrderState.NotFound, null, [], "no such order at the broker");

    [JsonIgnore]
    public decimal FilledQuantity => Fills.Sum(f => f.Quantity);

    // Records compare lists by reference; a report is a value, so compare the fills element by element.
    public bool Equals(BrokerOrderReport? other) =>
        other is not null && ClientOrderId == other.ClientOrderId && State == other.State &&
        BrokerOrderId == other.BrokerOrderId && Reason == other.Reason && Fills.SequenceEqual(other.Fills);

    public override int GetHashCode() => HashCode.Combine(ClientOrderId, State, BrokerOrderId, Reason, Fills.Count);
}
