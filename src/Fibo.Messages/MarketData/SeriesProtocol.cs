using Fibo.Messages.Routing;

namespace Fibo.Messages.MarketData;

/// <summary>A command to a series entity (it may change the entity's state).</summary>
public interface ISeriesCommand : IWithSeriesKey;

/// <summary>A query to a series entity (answered from its state, changes nothing).</summary>
public interface ISeriesQuery : IWithSeriesKey;
