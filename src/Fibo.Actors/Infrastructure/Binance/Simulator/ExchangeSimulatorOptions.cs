using System.Globalization;
using Fibo.Actors.Domain;
using Fibo.Actors.Domain.Exchange;
using Fibo.Actors.Domain.MarketData;
using Fibo.Actors.Infrastructure.Binance.MarketData;
using Fibo.Actors.Infrastructure.MarketData.Files;
using Fibo.Messages.MarketData;
using Fibo.Messages.Primitives;

namespace Fibo.Actors.Infrastructure.Binance.Simulator;

/// <summary>
/// Everything the local exchange simulator serves and how. Build the data with <see cref="FromFiles"/> or
/// <see cref="Synthetic"/>; everything else has defaults close to Binance spot (0.1 % fees, 24-hour connections,
/// pings every 20 s, 6000 weight per minute).
/// </summary>
public sealed record ExchangeSimulatorOptions
{
    /// <summary>The candles replayed, per series.</summary>
    public required IReadOnlyDictionary<SeriesKey, IReadOnlyList<Candle>> Data { get; init; }

    /// <summary>Replay speed: 1 = real time, 300 = a 5m candle every second, 0 = frozen (tests move it with Seek).</summary>
    public double Speed { get; init; } = 1;

    /// <summary>Candles of each series already closed when the simulator starts (what REST history offers at once).</summary>
    public int HistoryCandles { get; init; }

    /// <summary>127.0.0.1 port; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>The simulator's built-in test key (not a secret: it opens nothing but this simulator).</summary>
    public const string DefaultApiKey = "sim-key";
    public const string DefaultApiSecret = "sim-secret";

    /// <summary>The one API key the simulator accepts; signatures are checked by signing with it (the secret stays inside).</summary>
    public BinanceCredentials Credentials { get; init; } = new(DefaultApiKey, DefaultApiSecret);

    /// <summary>Starting balance of every asset of every symbol, unless <see cref="Balances"/> names it.</summary>
    public decimal DefaultBalance { get; init; } = 1000m;
    public IReadOnlyDictionary<string, decimal> Balances { get; init; } = new Dictionary<string, decimal>();

    public decimal TakerFee { get; init; } = 0.001m;
    public decimal MakerFee { get; init; } = 0.001m;

    /// <summary>Trading rules per exchange symbol (e.g. "ETHBTC"); symbols not named get rules derived from their prices.</summary>
    public IReadOnlyDictionary<string, SymbolRules> Rules { get; init; } = new Dictionary<string, SymbolRules>();

    public int RequestWeightLimit { get; init; } = 6000;

    /// <summary>Binance counts weight per minute; tests shorten it (and tell the client the same).</summary>
    public TimeSpan RequestWeightWindow { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Binance closes every stream connection at 24 hours.</summary>
    public TimeSpan MaxConnectionAge { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Binance pings every 20 s and drops a connection that has not answered within a minute.</summary>
    public TimeSpan PingInterval { get; init; } = TimeSpan.FromSeconds(20);
    public TimeSpan PongTimeout { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How often kline pushes go out (Binance: every 2 s); default 2 s divided by the speed, at least 10 ms.</summary>
    public TimeSpan? PushInterval { get; init; }

    internal TimeSpan EffectivePushInterval => PushIntervalAt(Speed);

    /// <summary>The push interval at a replay speed (the speed can change while the simulator runs).</summary>
    internal TimeSpan PushIntervalAt(double speed) => PushInterval
        ?? TimeSpan.FromMilliseconds(Math.Clamp(2000 / Math.Max(speed, 1e-9), 10, 2000));

    /// <summary>Reads candle files (freqtrade CSV/JSON, the seed's exports); the series comes from each file's name unless given.</summary>
    public static IReadOnlyDictionary<SeriesKey, IReadOnlyList<Candle>> FromFiles(IEnumerable<string> paths, SeriesKey? series = null)
    {
        var data = new Dictionary<SeriesKey, IReadOnlyList<Candle>>();
        foreach (var path in paths)
        {
            var file = CandleFileReader.Read(path, new CandleFileReadOptions(series));
            if (file.ParseIssues.Count > 0) throw CandleValidationException.Refusing(file.ParseIssues, "Fix the file or give another one.");
            foreach (var s in file.Series)
            {
                var validation = CandleValidator.Validate(file.Path, s.Key.Timeframe, s.Rows, file.LineLabel);
                if (!validation.IsValid) throw CandleValidationException.Refusing(validation.Issues, "The simulator replays only valid candles: fix these rows.");
                if (!s.Key.Timeframe.IsBinanceInterval)
                    throw new InputException($"{path}: {s.Key} has timeframe {s.Key.Timeframe.Code}, which Binance does not serve");
                data[s.Key] = validation.Valid;
            }
        }
        return data;
    }

    /// <summary>Seeded synthetic candles (GBM + GARCH + regimes) for each series, ending now-ish and starting <paramref name="count"/> candles earlier.</summary>
    public static IReadOnlyDictionary<SeriesKey, IReadOnlyList<Candle>> Synthetic(IEnumerable<SeriesKey> series, int count, ulong seed, long startOpenTime)
    {
        var data = new Dictionary<SeriesKey, IReadOnlyList<Candle>>();
        ulong i = 0;
        foreach (var s in series)
        {
            if (!s.Timeframe.IsBinanceInterval) throw new InputException($"{s}: timeframe {s.Timeframe.Code} is not a Binance interval");
            data[s] = SyntheticMarket.Generate(s.Timeframe, count, seed + i++, startOpenTime);
        }
        return data;
    }

    /// <summary>The symbols served, with the rules given or rules derived from the prices (tick from their decimals).</summary>
    internal IReadOnlyDictionary<string, BinanceSymbolInfo> BuildSymbols()
    {
        var symbols = new Dictionary<string, BinanceSymbolInfo>(StringComparer.Ordinal);
        foreach (var (key, candles) in Data)
        {
            var name = key.Symbol.Exchange;
            if (symbols.ContainsKey(name)) continue;
            if (key.Symbol.Quote.Length == 0)
                throw new InputException($"series {key}: the simulator needs base and quote assets; name it like ETH_BTC-5m");
            var rules = Rules.TryGetValue(name, out var r) ? r : DeriveRules(name, candles);
            symbols[name] = new BinanceSymbolInfo(name, "TRADING", key.Symbol.Base, key.Symbol.Quote, ["LIMIT", "MARKET"], rules);
        }
        return symbols;
    }

    internal IReadOnlyDictionary<string, decimal> BuildBalances(IEnumerable<BinanceSymbolInfo> symbols)
    {
        var balances = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var s in symbols)
        {
            balances.TryAdd(s.BaseAsset, DefaultBalance);
            balances.TryAdd(s.QuoteAsset, DefaultBalance);
        }
        foreach (var (asset, amount) in Balances) balances[asset] = amount;
        return balances;
    }

    /// <summary>Tick = 10^-d for the most decimals any price shows (at most 8, Binance's precision); lots of 0.0001.</summary>
    private static SymbolRules DeriveRules(string symbol, IReadOnlyList<Candle> candles)
    {
        int decimals = 0;
        foreach (var c in candles.Take(2000))
            foreach (var p in new[] { c.Open, c.High, c.Low, c.Close })
                decimals = Math.Max(decimals, Decimals(p));
        decimal tick = 1m;
        for (int i = 0; i < Math.Min(decimals, 8); i++) tick /= 10;
        return new SymbolRules(symbol,
            new LotSizeRule(0.0001m, 900000m, 0.0001m),
            null,
            new PriceRule(tick, 100000m, tick),
            new NotionalRule(0.0001m, true, null, false));
    }

    private static int Decimals(double value)
    {
        var s = value.ToString("0.##########", CultureInfo.InvariantCulture);
        int dot = s.IndexOf('.');
        return dot < 0 ? 0 : s.Length - dot - 1;
    }
}
