using Fibo.Messages.Primitives;
using Fibo.Messages.Serialization;

namespace Fibo.Messages.MarketData;

/// <summary>Asks a series entity for its <see cref="SeriesStatus"/>.</summary>
[MessageManifest("get-series-status.v1")]
public sealed record GetSeriesStatus(SeriesKey Series) : ISeriesQuery;
