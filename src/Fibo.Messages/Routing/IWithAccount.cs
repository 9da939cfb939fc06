using Fibo.Messages.Serialization;

namespace Fibo.Messages.Routing;

/// <summary>A message for one trading account: <see cref="AccountMessageExtractor"/> routes it to that account's order executor.</summary>
public interface IWithAccount : IFiboMessage
{
    string Account { get; }
}
