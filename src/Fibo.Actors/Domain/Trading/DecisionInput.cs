using Fibo.Actors.Domain.Prediction;
using Fibo.Messages.MarketData;
using Fibo.Messages.Primitives;

namespace Fibo.Actors.Domain.Trading;

/// <summary>Everything one decision looks at. <see cref="NowMs"/> is the caller's clock (the candle's end in a backtest).</summary>
public sealed record DecisionInput(
    string Account,
    SeriesKey Series,
    Candle Candle,
    Forecast Forecast,
    PositionView Position,
    AccountRiskView Risk,
    long NowMs);
