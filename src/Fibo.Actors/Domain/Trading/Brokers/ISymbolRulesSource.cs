using Fibo.Actors.Domain.Exchange;
using Fibo.Messages.Primitives;

namespace Fibo.Actors.Domain.Trading.Brokers;

/// <summary>
/// A broker that knows its exchange's trading rules per symbol (Binance: <c>exchangeInfo</c>; paper: configured
/// <see cref="PaperFilters"/>). The executor sizes every intent to them before recording it (<see cref="OrderSizing"/>),
/// so what it records is exactly what the broker sends and a fill never falls short of the intent by the broker's rounding.
/// </summary>
public interface ISymbolRulesSource
{
    /// <summary>The symbol's rules; may throw when the exchange cannot be asked (nothing is recorded then).</summary>
    Task<SymbolRules> RulesAsync(Symbol symbol, CancellationToken cancellationToken = default);
}
