using System.Globalization;
using System.IO.Compression;
using System.Text;
using Fibo.Actors.Domain;
using Fibo.Messages.MarketData;

namespace Fibo.Actors.Infrastructure.MarketData.Files;

/// <summary>
/// Writes candles as freqtrade CSV (<c>timestamp,open,high,low,close,volume</c>, ms) or, for a <c>.json</c> /
/// <c>.json.gz</c> name, freqtrade JSON arrays. Doubles use the shortest round-trip form, so export → import gives
/// back the same values bit for bit. Writes go to a temporary file that replaces the target at the end.
/// </summary>
public static class CandleFileWriter
{
    public static async Task<int> WriteAsync(string path, IEnumerable<Candle> candles, CancellationToken ct = default)
    {
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(dir)) throw new InputException($"{path}: the folder {dir} does not exist");
        var name = full.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? full[..^3] : full;
        bool json = name.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
        var temp = full + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
        int count = 0;
        try
        {
            await using (Stream file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            await using (Stream body = full.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionLevel.Optimal) : file)
            await using (var w = new StreamWriter(body, new UTF8Encoding(false), 1 << 16))
            {
                w.NewLine = "\n";
                if (!json) await w.WriteLineAsync("timestamp,open,high,low,close,volume");
                else await w.WriteAsync('[');
                var sb = new StringBuilder(128);
                foreach (var c in candles)
                {
                    ct.ThrowIfCancellationRequested();
                    sb.Clear();
                    if (json) sb.Append(count == 0 ? "[" : ",\n[");
                    sb.Append(c.OpenTime.ToString(CultureInfo.InvariantCulture)).Append(',')
                      .Append(R(c.Open)).Append(',').Append(R(c.High)).Append(',').Append(R(c.Low)).Append(',')
                      .Append(R(c.Close)).Append(',').Append(R(c.Volume));
                    if (json) sb.Append(']');
                    else sb.Append('\n');
                    await w.WriteAsync(sb, ct);
                    count++;
                }
                if (json) await w.WriteLineAsync(']');
            }
            File.Move(temp, full, overwrite: true);
            return count;
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    private static string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
