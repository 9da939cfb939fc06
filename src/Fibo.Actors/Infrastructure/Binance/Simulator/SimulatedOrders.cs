namespace Fibo.Actors.Infrastructure.Binance.Simulator;

/// <summary>One execution at the simulated exchange (what <c>myTrades</c> and an order's <c>fills</c> report).</summary>
public sealed record SimulatedTrade(long Id, long OrderId, string Symbol, string Side, decimal Price, decimal Quantity, decimal QuoteQuantity,
    decimal Commission, string CommissionAsset, long Time, bool IsMaker);

/// <summary>An order at the simulated exchange; mutable under the exchange's lock, copied out as <see cref="Snapshot"/>.</summary>
public sealed class SimulatedOrder
{
    internal SimulatedOrder(long id, string clientOrderId, string symbol, string side, string type, string? timeInForce, decimal price, decimal quantity, long time)
    {
        Id = id;
        ClientOrderId = clientOrderId;
        Symbol = symbol;
        Side = side;
        Type = type;
        TimeInForce = timeInForce;
        Price = price;
        OrigQty = quantity;
        Time = time;
        UpdateTime = time;
    }

    public long Id { get; }
    public string ClientOrderId { get; }
    public string Symbol { get; }
    public string Side { get; }
    public string Type { get; }
    public string? TimeInForce { get; }
    public decimal Price { get; }
    public decimal OrigQty { get; }
    public decimal ExecutedQty { get; internal set; }
    public decimal CumulativeQuoteQty { get; internal set; }
    public string Status { get; internal set; } = "NEW";
    public long Time { get; }
    public long UpdateTime { get; internal set; }
    internal List<SimulatedTrade> Trades { get; } = [];

    public bool IsOpen => Status is "NEW" or "PARTIALLY_FILLED";

    public SimulatedOrderSnapshot Snapshot() =>
        new(Id, ClientOrderId, Symbol, Side, Type, TimeInForce, Price, OrigQty, ExecutedQty, CumulativeQuoteQty, Status, Time, UpdateTime, Trades.ToArray());
}

/// <summary>An immutable copy of an order and its trades, safe to read outside the exchange's lock.</summary>
public sealed record SimulatedOrderSnapshot(long Id, string ClientOrderId, string Symbol, string Side, string Type, string? TimeInForce,
    decimal Price, decimal OrigQty, decimal ExecutedQty, decimal CumulativeQuoteQty, string Status, long Time, long UpdateTime,
    IReadOnlyList<SimulatedTrade> Trades)
{
    public bool IsOpen => Status is "NEW" or "PARTIALLY_FILLED";
}

/// <summary>A Binance-shaped refusal: HTTP status, error code and message exactly as Binance words them.</summary>
public sealed record SimulatorError(int HttpStatus, int Code, string Message)
{
    public static SimulatorError BadRequest(int code, string message) => new(400, code, message);
}
