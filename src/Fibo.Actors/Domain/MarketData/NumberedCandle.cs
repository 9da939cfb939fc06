using Fibo.Messages.MarketData;

namespace Fibo.Actors.Domain.MarketData;

/// <summary>A candle read from an input, with the line (CSV) or row (JSON array) it came from, for error messages.</summary>
public readonly record struct NumberedCandle(int Line, Candle Candle);
