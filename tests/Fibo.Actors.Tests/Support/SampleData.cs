using System.Globalization;
using Fibo.Messages.MarketData;

namespace Fibo.Actors.Tests.Support;

/// <summary>The repo's bundled real candles (data/sample, freqtrade CSV with ms timestamps), read with a tiny parser.</summary>
public static class SampleData
{
    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Fibo.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Fibo.sln not found above " + AppContext.BaseDirectory);
    }

    public static Candle[] Load(string seriesFile)
    {
        var path = Path.Combine(RepoRoot(), "data", "sample", seriesFile);
        var lines = File.ReadAllLines(path);
        var candles = new List<Candle>(lines.Length);
        long step = 0;
        for (int i = 1; i < lines.Length; i++)
        {
            var p = lines[i].Split(',');
            if (p.Length < 6) continue;
            double D(int k) => double.Parse(p[k], CultureInfo.InvariantCulture);
            long t = long.Parse(p[0], CultureInfo.InvariantCulture);
            if (candles.Count > 0 && step == 0) step = t - candles[^1].OpenTime;
            candles.Add(new Candle(t, D(1), D(2), D(3), D(4), D(5), t + 299_999));
        }
        return candles.ToArray();
    }
}
