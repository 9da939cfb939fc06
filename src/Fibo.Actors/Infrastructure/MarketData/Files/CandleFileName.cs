using System.Text.RegularExpressions;
using Fibo.Messages.Primitives;

namespace Fibo.Actors.Infrastructure.MarketData.Files;

/// <summary>
/// Series keys in file names, freqtrade style: <c>ETH_BTC-5m.csv</c>, <c>ETH_BTC-5m.json</c>, <c>ETH_BTC-5m.json.gz</c>,
/// <c>ETH_BTC-5m.feather</c>, optionally with a candle-type suffix (<c>ETH_BTC-5m-futures.json</c>).
/// </summary>
public static partial class CandleFileName
{
    public static bool TryParse(string path, out SeriesKey key)
    {
        var name = Path.GetFileName(path);
        if (name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)) name = name[..^3];
        var stem = Extension().Replace(name, "");
        stem = CandleTypeSuffix().Replace(stem, "");
        return SeriesKey.TryParse(stem, out key);
    }

    /// <summary>The freqtrade file name for a series: <c>ETH_BTC-5m.csv</c>.</summary>
    public static string For(SeriesKey key, string extension = ".csv") => key + extension;

    [GeneratedRegex(@"\.(csv|json|feather|parquet|txt)$", RegexOptions.IgnoreCase)]
    private static partial Regex Extension();

    [GeneratedRegex(@"-(spot|futures|mark|index|premiumIndex|funding_rate)$", RegexOptions.IgnoreCase)]
    private static partial Regex CandleTypeSuffix();
}
