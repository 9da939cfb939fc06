namespace Fibo.Messages.MarketData;

/// <summary>
/// One OHLCV candle. Times are UTC milliseconds; <see cref="OpenTime"/> identifies the candle (Binance <c>k.t</c>).
/// Volume is in the base asset. Prices are doubles here because they feed float64 features; money in the ledger is decimal.
/// </summary>
public readonly record struct Candle(
    long OpenTime,
    double Open,
    double High,
    double Low,
    double Close,
    double Volume,
    long CloseTime,
    bool IsClosed = true,
    int? Trades = null)
{
    /// <summary>A closed candle whose close time is derived from the next open time (Binance: next open − 1 ms).</summary>
    public static Candle Closed(long openTime, double open, double high, double low, double close, double volume, long nextOpenTime) =>
        new(openTime, open, high, low, close, volume, nextOpenTime - 1, true);
}
