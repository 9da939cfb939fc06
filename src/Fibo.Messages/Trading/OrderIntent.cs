using Fibo.Messages.Primitives;
using Fibo.Messages.Serialization;

namespace Fibo.Messages.Trading;

/// <summary>
/// One order the policy wants, decided on the closed candle <see cref="CandleOpenTime"/> (UTC ms) of
/// <see cref="Series"/>. <see cref="ClientOrderId"/> is derived from (account, series, candle open time, side), so
/// deciding the same candle again yields the same id and the ledger records it once. Sent by the series entity to
/// the account's order executor, which persists it before anything reaches a broker.
/// </summary>
/// <param name="ReferencePrice">The close the decision saw (quote units); fills happen later at the broker's price.</param>
/// <param name="PredictedReturn">The model's return-head output for the candle (the seed's "pred" column).</param>
/// <param name="PredictedVolatility">The volatility-head output, or NaN when the model has none.</param>
/// <param name="StopLoss">Protective exit price for the position this entry opens, if the policy sets one.</param>
/// <param name="TakeProfit">Profit-taking exit price for the position this entry opens, if the policy sets one.</param>
[MessageManifest("order-intent.v1")]
public sealed record OrderIntent(
    string Account,
    SeriesKey Series,
    long CandleOpenTime,
    OrderSide Side,
    OrderPurpose Purpose,
    IntentReason Reason,
    decimal Quantity,
    decimal ReferencePrice,
    double PredictedReturn,
    double PredictedVolatility,
    decimal? StopLoss,
    decimal? TakeProfit,
    string ClientOrderId) : IFiboMessage;
