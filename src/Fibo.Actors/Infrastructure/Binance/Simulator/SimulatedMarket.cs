using System.Diagnostics;
using Fibo.Actors.Domain;
using Fibo.Messages.MarketData;
using Fibo.Messages.Primitives;

namespace Fibo.Actors.Infrastructure.Binance.Simulator;

/// <summary>
/// Replays candles as a live market. One replay clock runs for every series at <see cref="Speed"/> × real time (0 =
/// frozen until <see cref="Seek"/> or <see cref="SetSpeed"/>); each series starts with its first <c>history</c> candles already closed. Inside a
/// candle the price follows a fixed path through its extremes (up candles open → low → high → close, down candles
/// open → high → low → close, a third of the candle each), so in-progress klines, market fills and limit crossings all
/// come from one deterministic price.
/// </summary>
public sealed class SimulatedMarket
{
    private readonly Dictionary<SeriesKey, SeriesReplay> _series;
    private readonly Dictionary<string, SeriesReplay> _priceSeriesBySymbol;
    private long _startTimestamp;
    private double _speed;
    private readonly object _lock = new();
    private double _offsetMs;

    public SimulatedMarket(IReadOnlyDictionary<SeriesKey, IReadOnlyList<Candle>> data, double speed, int historyCandles)
    {
        if (data.Count == 0) throw new InputException("the exchange simulator needs at least one series of candles");
        if (speed < 0 || !double.IsFinite(speed)) throw new InputException($"simulator speed {speed}: must be a finite number ≥ 0 (0 = frozen, 1 = real time)");
        if (historyCandles < 0) throw new InputException($"simulator history {historyCandles}: must not be negative");
        _speed = speed;
        _series = data.ToDictionary(kv => kv.Key, kv => new SeriesReplay(kv.Key, kv.Value, historyCandles));
        _priceSeriesBySymbol = _series.Values
            .GroupBy(s => s.Key.Symbol.Exchange)
            .ToDictionary(g => g.Key, g => g.OrderBy(s => s.Key.Timeframe.ApproximateMilliseconds).First(), StringComparer.Ordinal);
        _startTimestamp = Stopwatch.GetTimestamp();
    }

    public double Speed
    {
        get { lock (_lock) return _speed; }
    }

    /// <summary>Changes the replay speed from now on; the replay clock continues from where it is (a frozen market can be started).</summary>
    public void SetSpeed(double speed)
    {
        if (speed < 0 || !double.IsFinite(speed)) throw new InputException($"simulator speed {speed}: must be a finite number ≥ 0 (0 = frozen, 1 = real time)");
        lock (_lock)
        {
            _offsetMs += Stopwatch.GetElapsedTime(_startTimestamp).TotalMilliseconds * _speed;
            _startTimestamp = Stopwatch.GetTimestamp();
            _speed = speed;
        }
    }

    public IReadOnlyCollection<SeriesKey> Series => _series.Keys;

    public IEnumerable<string> Symbols => _priceSeriesBySymbol.Keys;

    /// <summary>Virtual milliseconds since the replay started (the same for every series).</summary>
    public double ElapsedMs
    {
        get
        {
            lock (_lock) return _offsetMs + Stopwatch.GetElapsedTime(_startTimestamp).TotalMilliseconds * _speed;
        }
    }

    /// <summary>Moves the replay clock so that <paramref name="series"/> is at candle <paramref name="index"/> plus <paramref name="fraction"/> of it.</summary>
    public void Seek(SeriesKey series, int index, double fraction = 0)
    {
        var s = Get(series);
        if (index < 0 || index >= s.Candles.Count) throw new ArgumentOutOfRangeException(nameof(index));
        double target = s.Candles[index].OpenTime + fraction * s.TfMs - s.Origin;
        lock (_lock) _offsetMs = target - Stopwatch.GetElapsedTime(_startTimestamp).TotalMilliseconds * _speed;
    }

    public bool Has(SeriesKey series) => _series.ContainsKey(series);

    public bool HasSymbol(string symbol) => _priceSeriesBySymbol.ContainsKey(symbol);

    public IReadOnlyList<Candle> AllCandles(SeriesKey series) => Get(series).Candles;

    /// <summary>The series' virtual "now" (UTC ms in the data's own time).</summary>
    public long NowMs(SeriesKey series) => Get(series).Origin + (long)Math.Floor(ElapsedMs);

    /// <summary>How many candles of the series have closed by <paramref name="nowMs"/>.</summary>
    public int ClosedCount(SeriesKey series, long nowMs) => Get(series).ClosedCount(nowMs);

    /// <summary>The closed candle at <paramref name="index"/>.</summary>
    public Candle Closed(SeriesKey series, int index) => Get(series).Candles[index] with { IsClosed = true };

    /// <summary>The candle in progress at <paramref name="nowMs"/> as it looks so far, or null (between candles, or past the data).</summary>
    public Candle? InProgress(SeriesKey series, long nowMs) => Get(series).Partial(nowMs);

    /// <summary>
    /// Binance's klines semantics: with <paramref name="startTime"/> the first <paramref name="limit"/> candles opened at
    /// or after it (up to <paramref name="endTime"/>); with only <paramref name="endTime"/> the last ones opened by then;
    /// with neither the most recent. Includes the candle in progress, never the future.
    /// </summary>
    public IReadOnlyList<Candle> Klines(SeriesKey series, long? startTime, long? endTime, int limit)
    {
        var s = Get(series);
        long now = NowMs(series);
        int closed = s.ClosedCount(now);
        var visible = new List<Candle>(Math.Min(limit, closed + 1));
        int available = closed + (s.Partial(now) is null ? 0 : 1);
        long end = Math.Min(endTime ?? long.MaxValue, now);
        if (startTime is { } start)
        {
            int i = s.FirstAtOrAfter(start);
            for (; i < available && visible.Count < limit; i++)
            {
                if (s.Candles[i].OpenTime > end) break;
                visible.Add(i < closed ? s.Candles[i] with { IsClosed = true } : s.Partial(now)!.Value);
            }
            return visible;
        }
        int last = Math.Min(available, s.FirstAtOrAfter(end + 1)) - 1;
        int first = Math.Max(0, last - limit + 1);
        for (int i = first; i <= last; i++)
            visible.Add(i < closed ? s.Candles[i] with { IsClosed = true } : s.Partial(now)!.Value);
        return visible;
    }

    /// <summary>The symbol's price now (its shortest-timeframe series), or null for an unknown symbol.</summary>
    public double? Price(string symbol)
    {
        if (!_priceSeriesBySymbol.TryGetValue(symbol, out var s)) return null;
        return s.PriceAt(s.Origin + ElapsedMs);
    }

    /// <summary>The lowest and highest price the symbol's path touched between two replay instants.</summary>
    public (double Low, double High)? Range(string symbol, double fromElapsedMs, double toElapsedMs)
    {
        if (!_priceSeriesBySymbol.TryGetValue(symbol, out var s)) return null;
        return s.RangeBetween(s.Origin + fromElapsedMs, s.Origin + toElapsedMs);
    }

    private SeriesReplay Get(SeriesKey series) =>
        _series.TryGetValue(series, out var s) ? s : throw new KeyNotFoundException($"the simulator has no series {series}");

    private sealed class SeriesReplay
    {
        private readonly long[] _openTimes;

        public SeriesReplay(SeriesKey key, IReadOnlyList<Candle> candles, int history)
        {
            if (candles.Count == 0) throw new InputException($"the simulator has no candles for {key}");
            if (key.Timeframe.IsCalendar) throw new InputException($"the simulator cannot replay calendar-month series ({key})");
            Key = key;
            Candles = candles;
            TfMs = key.Timeframe.Milliseconds;
            _openTimes = candles.Select(c => c.OpenTime).ToArray();
            for (int i = 1; i < _openTimes.Length; i++)
                if (_openTimes[i] <= _openTimes[i - 1]) throw new InputException($"simulator data for {key} is not in strictly increasing time order at candle {i + 1}");
            Origin = history < candles.Count ? candles[history].OpenTime : candles[^1].OpenTime + TfMs;
        }

        public SeriesKey Key { get; }
        public IReadOnlyList<Candle> Candles { get; }
        public long TfMs { get; }
        public long Origin { get; }

        public int ClosedCount(long now) => FirstAtOrAfter(now - TfMs + 1);

        public int FirstAtOrAfter(long time)
        {
            int i = Array.BinarySearch(_openTimes, time);
            return i >= 0 ? i : ~i;
        }

        public Candle? Partial(long now)
        {
            int i = ClosedCount(now);
            if (i >= Candles.Count) return null;
            var c = Candles[i];
            if (c.OpenTime > now) return null;
            double f = (now - c.OpenTime) / (double)TfMs;
            var (low, high) = PathRange(c, 0, f);
            return new Candle(c.OpenTime, c.Open, high, low, PathAt(c, f), c.Volume * f, c.OpenTime + TfMs - 1, false,
                c.Trades is { } n ? (int)(n * f) : null);
        }

        public double PriceAt(double now)
        {
            int closed = ClosedCount((long)Math.Floor(now));
            if (closed < Candles.Count && Candles[closed].OpenTime <= now)
                return PathAt(Candles[closed], (now - Candles[closed].OpenTime) / TfMs);
            return closed == 0 ? Candles[0].Open : Candles[closed - 1].Close;
        }

        public (double Low, double High) RangeBetween(double from, double to)
        {
            double low = PriceAt(from), high = low;
            double end = PriceAt(to);
            low = Math.Min(low, end);
            high = Math.Max(high, end);
            int i = Math.Max(0, FirstAtOrAfter((long)Math.Floor(from) - TfMs + 1));
            for (; i < Candles.Count && Candles[i].OpenTime <= to; i++)
            {
                var c = Candles[i];
                double fa = Math.Clamp((from - c.OpenTime) / TfMs, 0, 1);
                double fb = Math.Clamp((to - c.OpenTime) / TfMs, 0, 1);
                if (fb <= fa) continue;
                var (l, h) = PathRange(c, fa, fb);
                low = Math.Min(low, l);
                high = Math.Max(high, h);
            }
            return (low, high);
        }

        // The path's corners at 0, 1/3, 2/3 and 1 of the candle.
        private static (double, double, double, double) Corners(Candle c) =>
            c.Close >= c.Open ? (c.Open, c.Low, c.High, c.Close) : (c.Open, c.High, c.Low, c.Close);

        private static double PathAt(Candle c, double f)
        {
            var (p0, p1, p2, p3) = Corners(c);
            f = Math.Clamp(f, 0, 1);
            if (f <= 1.0 / 3) return p0 + (p1 - p0) * (f * 3);
            if (f <= 2.0 / 3) return p1 + (p2 - p1) * (f * 3 - 1);
            return p2 + (p3 - p2) * (f * 3 - 2);
        }

        private static (double Low, double High) PathRange(Candle c, double fa, double fb)
        {
            double a = PathAt(c, fa), b = PathAt(c, fb);
            double low = Math.Min(a, b), high = Math.Max(a, b);
            var (_, p1, p2, _) = Corners(c);
            if (fa < 1.0 / 3 && fb > 1.0 / 3) { low = Math.Min(low, p1); high = Math.Max(high, p1); }
            if (fa < 2.0 / 3 && fb > 2.0 / 3) { low = Math.Min(low, p2); high = Math.Max(high, p2); }
            return (low, high);
        }
    }
}
