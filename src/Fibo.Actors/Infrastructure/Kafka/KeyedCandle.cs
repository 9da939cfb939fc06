using Fibo.Messages.MarketData;
using Fibo.Messages.Primitives;

namespace Fibo.Actors.Infrastructure.Kafka;

/// <summary>A candle with the series it belongs to: one Kafka record of <c>fibo.candles</c>.</summary>
public readonly record struct KeyedCandle(SeriesKey Series, Candle Candle);
