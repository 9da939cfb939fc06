using Fibo.Messages.Trading;

namespace Fibo.Actors.Domain.Trading.Brokers;

/// <summary>Moves a reference price against the order (Lean's ISlippageModel): buys pay more, sells receive less.</summary>
public interface ISlippageModel
{
    decimal Apply(OrderSide side, decimal referencePrice);
}

/// <summary>A constant slippage in basis points of the price.</summary>
public sealed record BasisPointSlippageModel(decimal BasisPoints) : ISlippageModel
{
    public static BasisPointSlippageModel None => new(0m);

    public decimal Apply(OrderSide side, decimal referencePrice)
    {
        var f = BasisPoints / 10_000m;
        return side == OrderSide.Buy ? referencePrice * (1 + f) : referencePrice * (1 - f);
    }
}
