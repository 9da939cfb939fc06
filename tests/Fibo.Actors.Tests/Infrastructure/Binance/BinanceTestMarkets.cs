using Fibo.Actors.Infrastructure.Binance;
using Fibo.Actors.Infrastructure.Binance.Simulator;
using Fibo.Actors.Tests.Support;
using Fibo.Messages.MarketData;
using Fibo.Messages.Primitives;

namespace Fibo.Actors.Tests.Infrastructure.Binance;

/// <summary>Data and client settings for tests against the local exchange simulator.</summary>
internal static class BinanceTestMarkets
{
    public static readonly SeriesKey EthBtc5m = SeriesKey.Parse("ETH_BTC-5m");
    public static readonly SeriesKey LtcBtc5m = SeriesKey.Parse("LTC_BTC-5m");

    /// <summary>300 real 5m candles each of ETH/BTC and LTC/BTC (same 25 hours of January 2018).</summary>
    public static IReadOnlyDictionary<SeriesKey, IReadOnlyList<Candle>> RealFiveMinute() =>
        ExchangeSimulatorOptions.FromFiles([TestData.Path("MarketData", "ETH_BTC-5m.csv"), TestData.Path("MarketData", "LTC_BTC-5m.csv")]);

    /// <summary>A client that fails fast: short timeouts and retry delays, so fault tests take seconds.</summary>
    public static BinanceOptions FastClient(this ExchangeSimulatorHost sim, TimeSpan? timeout = null)
    {
        var o = sim.ClientOptions();
        o.RequestTimeout = timeout ?? TimeSpan.FromSeconds(5);
        o.RetryBaseDelay = TimeSpan.FromMilliseconds(20);
        o.RetryMaxDelay = TimeSpan.FromMilliseconds(200);
        return o;
    }

    /// <summary>A candle as it travels through Binance's JSON (prices and volume as 8-decimal strings).</summary>
    public static Candle AsSent(Candle c) => c with
    {
        Open = Round8(c.Open), High = Round8(c.High), Low = Round8(c.Low), Close = Round8(c.Close), Volume = Round8(c.Volume),
    };

    private static double Round8(double v) => double.Parse(v.ToString("0.00000000", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Polls until <paramref name="condition"/> holds, failing with <paramref name="what"/> after <paramref name="timeout"/>.</summary>
    public static async Task WaitUntil(Func<bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"timed out after {timeout.TotalSeconds:0.#} s waiting for: {what}");
            await Task.Delay(10);
        }
    }
}
