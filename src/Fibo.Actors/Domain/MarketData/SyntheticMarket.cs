using Fibo.Messages.MarketData;
using Fibo.Messages.Primitives;

namespace Fibo.Actors.Domain.MarketData;

/// <summary>A market regime: yearly drift and a multiplier on the base volatility (e.g. calm bull, chop, stressed bear).</summary>
public sealed record MarketRegime(string Name, double AnnualDrift, double VolatilityMultiplier);

/// <summary>
/// Parameters of <see cref="SyntheticMarket"/>. Volatility is annualised (0.8 = 80 %/year, crypto-like) and scaled to
/// the timeframe; GARCH(1,1) uses α (shock) and β (persistence) with α + β &lt; 1; regimes switch by a Markov chain
/// whose <see cref="RegimeStayProbability"/> is per candle (0.995 ⇒ regimes last ~200 candles on average).
/// </summary>
public sealed record SyntheticMarketOptions
{
    public double StartPrice { get; init; } = 0.05;
    public double AnnualVolatility { get; init; } = 0.8;
    public double GarchAlpha { get; init; } = 0.08;
    public double GarchBeta { get; init; } = 0.90;
    public double RegimeStayProbability { get; init; } = 0.995;
    public IReadOnlyList<MarketRegime> Regimes { get; init; } =
    [
        new("calm-bull", 0.6, 0.7),
        new("chop", 0.0, 1.0),
        new("stressed-bear", -0.9, 1.8),
    ];
    public double BaseVolume { get; init; } = 1000;
    /// <summary>Decimal places prices are rounded to, like an exchange's tick (Binance BTC pairs: 8). Null: no rounding.</summary>
    public int? PriceDecimals { get; init; } = 8;

    public void Validate()
    {
        if (!(StartPrice > 0) || !double.IsFinite(StartPrice)) throw new InputException($"synthetic market: start price must be positive, got {StartPrice}");
        if (!(AnnualVolatility > 0) || AnnualVolatility > 20) throw new InputException($"synthetic market: annual volatility must be in (0, 20], got {AnnualVolatility}");
        if (GarchAlpha < 0 || GarchBeta < 0 || GarchAlpha + GarchBeta >= 1) throw new InputException($"synthetic market: GARCH needs α ≥ 0, β ≥ 0 and α + β < 1, got α={GarchAlpha}, β={GarchBeta}");
        if (Regimes.Count == 0) throw new InputException("synthetic market: at least one regime is needed");
        if (RegimeStayProbability is < 0 or > 1) throw new InputException($"synthetic market: regime stay probability must be in [0, 1], got {RegimeStayProbability}");
        if (PriceDecimals is < 0 or > 15) throw new InputException($"synthetic market: price decimals must be in [0, 15], got {PriceDecimals}");
    }
}

/// <summary>
/// A seeded synthetic market: log returns with GARCH(1,1) conditional variance, whose level and drift switch between
/// regimes by a Markov chain; each candle opens at the previous close, and its high and low are drawn from the exact
/// distribution of a Brownian bridge's maximum and minimum between open and close, so they are always consistent with
/// the body (high ≥ max(open, close), low ≤ min(open, close)). Volume grows with the candle's shock. Open times are
/// aligned to the timeframe. The same seed and options always give the same candles (own PRNG, no System.Random).
/// </summary>
public static class SyntheticMarket
{
    private const double YearMs = 365.25 * Timeframe.MsPerDay;

    public static IReadOnlyList<Candle> Generate(Timeframe timeframe, int count, ulong seed, long startOpenTime, SyntheticMarketOptions? options = null)
    {
        if (count < 0) throw new InputException($"synthetic market: count must not be negative, got {count}");
        var list = new List<Candle>(count);
        list.AddRange(Stream(timeframe, seed, startOpenTime, options).Take(count));
        return list;
    }

    /// <summary>An endless stream of candles (for load and replay); take what you need.</summary>
    public static IEnumerable<Candle> Stream(Timeframe timeframe, ulong seed, long startOpenTime, SyntheticMarketOptions? options = null)
    {
        var o = options ?? new SyntheticMarketOptions();
        o.Validate();
        var rng = new Xoshiro256(seed);
        double barFraction = timeframe.ApproximateMilliseconds / YearMs;
        double baseVar = o.AnnualVolatility * o.AnnualVolatility * barFraction;
        double alpha = o.GarchAlpha, beta = o.GarchBeta;
        int regime = 0;
        double variance = baseVar * Sq(o.Regimes[0].VolatilityMultiplier);
        double lastShock = 0;
        double price = Round(o.StartPrice, o.PriceDecimals);
        long t = timeframe.Floor(startOpenTime);
        if (t < startOpenTime) t = timeframe.Add(t);
        double tick = o.PriceDecimals is { } d ? Math.Pow(10, -d) : double.Epsilon;

        while (true)
        {
            // Regime switch: leave with probability 1 − stay, to one of the others uniformly.
            if (o.Regimes.Count > 1 && rng.NextDouble() > o.RegimeStayProbability)
                regime = (regime + 1 + (int)(rng.NextDouble() * (o.Regimes.Count - 1))) % o.Regimes.Count;
            var r = o.Regimes[regime];

            // GARCH(1,1) around the regime's long-run variance: ω = σ²_regime (1 − α − β).
            double longRun = baseVar * Sq(r.VolatilityMultiplier);
            variance = longRun * (1 - alpha - beta) + alpha * lastShock * lastShock + beta * variance;
            double sigma = Math.Sqrt(variance);
            double z = rng.NextGaussian();
            lastShock = sigma * z;
            double logReturn = r.AnnualDrift * barFraction - variance / 2 + lastShock;

            // High/low: maximum and minimum of a Brownian bridge from 0 to x with variance σ² over the candle.
            double x = logReturn;
            double up = (x + Math.Sqrt(x * x - 2 * variance * Math.Log(1 - rng.NextDouble()))) / 2;
            double down = (x - Math.Sqrt(x * x - 2 * variance * Math.Log(1 - rng.NextDouble()))) / 2;

            double open = price;
            double close = Math.Max(Round(open * Math.Exp(x), o.PriceDecimals), tick);
            double high = Math.Max(Round(open * Math.Exp(up), o.PriceDecimals), Math.Max(open, close));
            double low = Math.Min(Math.Max(Round(open * Math.Exp(down), o.PriceDecimals), tick), Math.Min(open, close));
            double volume = Math.Round(o.BaseVolume * Math.Exp(0.35 * rng.NextGaussian()) * (0.6 + 0.4 * Math.Abs(z)) * (sigma / Math.Sqrt(baseVar)), 8);

            long next = timeframe.Add(t);
            yield return Candle.Closed(t, open, high, low, close, volume, next);
            price = close;
            t = next;
        }
    }

    private static double Sq(double v) => v * v;

    private static double Round(double v, int? decimals) => decimals is { } d ? Math.Round(v, d, MidpointRounding.ToEven) : v;

    /// <summary>xoshiro256** seeded by SplitMix64: fast, good quality, and stable across .NET versions.</summary>
    private sealed class Xoshiro256
    {
        private ulong _s0, _s1, _s2, _s3;
        private double? _spare;

        public Xoshiro256(ulong seed)
        {
            _s0 = SplitMix(ref seed); _s1 = SplitMix(ref seed); _s2 = SplitMix(ref seed); _s3 = SplitMix(ref seed);
        }

        private static ulong SplitMix(ref ulong x)
        {
            ulong z = x += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        public ulong Next()
        {
            ulong result = ulong.RotateLeft(_s1 * 5, 7) * 9;
            ulong t = _s1 << 17;
            _s2 ^= _s0; _s3 ^= _s1; _s1 ^= _s2; _s0 ^= _s3;
            _s2 ^= t;
            _s3 = ulong.RotateLeft(_s3, 45);
            return result;
        }

        /// <summary>Uniform in [0, 1).</summary>
        public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

        /// <summary>Standard normal (Marsaglia's polar method).</summary>
        public double NextGaussian()
        {
            if (_spare is { } s) { _spare = null; return s; }
            double u, v, q;
            do
            {
                u = 2 * NextDouble() - 1;
                v = 2 * NextDouble() - 1;
                q = u * u + v * v;
            } while (q >= 1 || q == 0);
            double f = Math.Sqrt(-2 * Math.Log(q) / q);
            _spare = v * f;
            return u * f;
        }
    }
}
