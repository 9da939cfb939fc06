using Fibo.Messages.MarketData;
using Fibo.Messages.Trading;

namespace Fibo.Actors.Domain.Trading.Brokers;

/// <summary>
/// Decides whether and at what price a resting paper order fills on a candle (Lean's IFillModel). Returns null when
/// the candle cannot fill it.
/// </summary>
public interface IFillModel
{
    PaperFillQuote? TryFill(BrokerOrderRequest order, Candle candle);
}

public sealed record PaperFillQuote(decimal Quantity, decimal Price);

/// <summary>
/// A market order decided on candle t fills, whole, at the open of the first later candle, moved by the slippage
/// model. Nothing fills on the decision candle itself: the decision saw its close, so filling there would be look-ahead.
/// </summary>
public sealed class NextOpenFillModel(ISlippageModel slippage) : IFillModel
{
    public ISlippageModel Slippage { get; } = slippage;

    public PaperFillQuote? TryFill(BrokerOrderRequest order, Candle candle)
    {
        if (candle.OpenTime <= order.CandleOpenTime) return null;
        if (!double.IsFinite(candle.Open) || candle.Open <= 0) return null;
        return new PaperFillQuote(order.Quantity, Slippage.Apply(order.Side, (decimal)candle.Open));
    }
}
