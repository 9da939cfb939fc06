using System.Globalization;
using Fibo.Messages.MarketData;
using Fibo.Messages.Primitives;

namespace Fibo.Actors.Tests.Support;

/// <summary>Candles for trading tests: a fixed 5m series and helpers to build or load candles.</summary>
internal static class TestCandles
{
    public static readonly SeriesKey Series = SeriesKey.Parse("ETH_BTC-5m");
    public const long T0 = 1_700_000_100_000 - 1_700_000_100_000 % 300_000; // aligned to 5m
    public const long Step = 300_000;

    public static long OpenTime(int index) => T0 + index * Step;

    /// <summary>A closed 5m candle at <paramref name="index"/> with the given prices (low/high default around open/close).</summary>
    public static Candle At(int index, double open, double close, double? low = null, double? high = null) =>
        Candle.Closed(OpenTime(index), open, high ?? Math.Max(open, close), low ?? Math.Min(open, close), close, 10, OpenTime(index + 1));

    /// <summary>Candles whose open equals the previous close, from a list of closes (first open = first close).</summary>
    public static Candle[] FromCloses(params double[] closes)
    {
        var result = new Candle[closes.Length];
        for (var i = 0; i < closes.Length; i++) result[i] = At(i, i == 0 ? closes[0] : closes[i - 1], closes[i]);
        return result;
    }

    /// <summary>Reads a freqtrade-style CSV (timestamp ms, open, high, low, close, volume) from the repository.</summary>
    public static Candle[] LoadRepoCsv(string relativePath, long stepMs)
    {
        var path = Path.Combine(RepoRoot(), relativePath);
        var lines = File.ReadAllLines(path);
        var inv = CultureInfo.InvariantCulture;
        var result = new List<Candle>(lines.Length);
        foreach (var line in lines.Skip(1))
        {
            if (line.Length == 0) continue;
            var f = line.Split(',');
            var t = long.Parse(f[0], inv);
            result.Add(Candle.Closed(t, double.Parse(f[1], inv), double.Parse(f[2], inv), double.Parse(f[3], inv),
                double.Parse(f[4], inv), double.Parse(f[5], inv), t + stepMs));
        }
        return result.ToArray();
    }

    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Fibo.sln"))) return dir.FullName;
        throw new InvalidOperationException("Fibo.sln not found above " + AppContext.BaseDirectory);
    }
}
