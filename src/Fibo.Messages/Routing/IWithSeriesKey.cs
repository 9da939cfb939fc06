using Fibo.Messages.Primitives;
using Fibo.Messages.Serialization;

namespace Fibo.Messages.Routing;

/// <summary>A message for one candle series: <see cref="SeriesMessageExtractor"/> routes it to that series' entity.</summary>
public interface IWithSeriesKey : IFiboMessage
{
    SeriesKey Series { get; }
}
