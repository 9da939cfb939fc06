using Fibo.Messages.MarketData;

namespace Fibo.Actors.Domain.Features;

/// <summary>Computes a feature set over a whole candle array (ascending time) at once: the reference implementation.</summary>
public interface IBatchFeatures
{
    FeatureSet Set { get; }

    /// <summary>One row per candle, NaN in the warm-up (call <see cref="FeatureFrame.DropIncomplete"/> for the seed's dropna).</summary>
    FeatureFrame Compute(ReadOnlySpan<Candle> candles);
}
