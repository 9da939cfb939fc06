using Fibo.Messages.MarketData;

namespace Fibo.Actors.Tests.Support;

/// <summary>Candle series for feature tests: the seed's Appendix A series and seeded random walks.</summary>
public static class SeedSeries
{
    public const long FiveMinutes = 300_000;
    public const long Start = 1_700_000_000_000;

    /// <summary>SEED-SPEC Appendix A: n = 300, t = 0…299 as float.</summary>
    public static Candle[] AppendixA(int n = 300)
    {
        var candles = new Candle[n];
        for (int i = 0; i < n; i++)
        {
            double t = i;
            double c = 100 + 5 * Math.Sin(2 * Math.PI * t / 40) + 0.05 * t + 0.8 * Math.Sin(2 * Math.PI * t / 7);
            double h = c + 0.5 + 0.3 * Math.Abs(Math.Sin(t / 3));
            double l = c - 0.5 - 0.3 * Math.Abs(Math.Cos(t / 5));
            double v = 1000 + 100 * Math.Sin(t / 9);
            candles[i] = Candle.Closed(Start + i * FiveMinutes, c, h, l, c, v, Start + (i + 1) * FiveMinutes);
        }
        return candles;
    }

    /// <summary>
    /// A seeded geometric random walk around <paramref name="price"/>. <paramref name="flatProbability"/> repeats the
    /// previous close (flat bars, as on illiquid pairs, exercise the RSI and zero-variance rules).
    /// </summary>
    public static Candle[] RandomWalk(int n, int seed, double price = 100, double vol = 0.01, double flatProbability = 0.0, double tick = 0.0)
    {
        var rng = new Random(seed);
        var candles = new Candle[n];
        double c = price;
        for (int i = 0; i < n; i++)
        {
            double open = c;
            if (rng.NextDouble() >= flatProbability) c *= Math.Exp(vol * Normal(rng));
            if (tick > 0) c = Math.Max(tick, Math.Round(c / tick) * tick);
            double h = Math.Max(open, c) * (1 + Math.Abs(vol * 0.5 * Normal(rng)));
            double l = Math.Min(open, c) * (1 - Math.Abs(vol * 0.5 * Normal(rng)));
            if (rng.NextDouble() < flatProbability) { h = Math.Max(open, c); l = Math.Min(open, c); }
            candles[i] = Candle.Closed(Start + i * FiveMinutes, open, h, l, c, 1000 * rng.NextDouble(), Start + (i + 1) * FiveMinutes);
        }
        return candles;
    }

    private static double Normal(Random rng)
    {
        double u1 = 1.0 - rng.NextDouble(), u2 = rng.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Combined tolerance: 1e-9 absolute for values up to 1, relative above (prices can be large).</summary>
    public static bool Close(double expected, double actual, double tol = 1e-9)
    {
        if (double.IsNaN(expected) || double.IsNaN(actual)) return double.IsNaN(expected) && double.IsNaN(actual);
        return Math.Abs(expected - actual) <= tol * Math.Max(1.0, Math.Abs(expected));
    }
}
