using System.IO.Compression;
using System.Text;
using Fibo.Actors.Domain;

namespace Fibo.Actors.Infrastructure.MarketData.Files;

/// <summary>
/// Reads a candle file of any supported format (<see cref="CandleFileFormat"/>) into rows with UTC-ms open times.
/// A SQLite database is recognised by its header; JSON by the extension (.json, .json.gz) or a leading '['; CSV layouts
/// by their header (SEED-SPEC §2.6).
/// Rows that cannot be parsed become <see cref="CandleFile.ParseIssues"/>; value checks are the validator's job.
/// Problems with the file as a whole (missing, unknown header, no way to tell the series) throw <see cref="InputException"/>.
/// </summary>
public static class CandleFileReader
{
    public static CandleFile Read(string path, CandleFileReadOptions? options = null)
    {
        options ??= new CandleFileReadOptions();
        if (Directory.Exists(path)) throw new InputException($"{path}: is a directory; pass the candle files themselves (e.g. {Path.Combine(path, "*.csv")})");
        if (!File.Exists(path)) throw new InputException($"{path}: file not found");
        if (SqliteDatabaseReader.IsSqliteFile(path)) return SqliteDatabaseReader.ReadAsync(path, options).GetAwaiter().GetResult();
        try
        {
            using var reader = OpenText(path);
            var name = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? path[..^3] : path;
            bool json = name.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || reader.Peek() == '[';
            return json ? FreqtradeJsonReader.Read(path, reader, options) : CsvCandleReader.Read(path, reader, options);
        }
        catch (InvalidDataException e)
        {
            throw new InputException($"{path}: cannot read the file: {e.Message}", e);
        }
        catch (IOException e) when (e is not FileNotFoundException)
        {
            throw new InputException($"{path}: cannot read the file: {e.Message}", e);
        }
    }

    private static StreamReader OpenText(string path)
    {
        Stream s = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)) s = new GZipStream(s, CompressionMode.Decompress);
        return new StreamReader(s, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
    }

}
