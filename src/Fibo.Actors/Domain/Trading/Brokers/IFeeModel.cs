using Fibo.Messages.Trading;

namespace Fibo.Actors.Domain.Trading.Brokers;

/// <summary>The fee of one fill, in the quote asset (Lean's IFeeModel, reduced to what a spot market order needs).</summary>
public interface IFeeModel
{
    decimal FeeFor(OrderSide side, decimal quantity, decimal price);
}

/// <summary>A fixed fraction of the notional. Binance spot's default taker rate is 0.1 % (<see cref="BinanceSpotTaker"/>).</summary>
public sealed record PercentFeeModel(decimal Rate) : IFeeModel
{
    public static PercentFeeModel BinanceSpotTaker => new(0.001m);

    public static PercentFeeModel FromBasisPoints(decimal bps) => new(bps / 10_000m);

    public decimal FeeFor(OrderSide side, decimal quantity, decimal price) => quantity * price * Rate;
}
