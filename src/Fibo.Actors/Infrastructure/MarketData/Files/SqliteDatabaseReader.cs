using System.Globalization;
using Fibo.Actors.Domain;
using Fibo.Actors.Domain.MarketData;
using Fibo.Messages.Primitives;
using Microsoft.Data.Sqlite;

namespace Fibo.Actors.Infrastructure.MarketData.Files;

/// <summary>
/// Reads every series of a SQLite candle database (the seed's schema, e.g. <c>marketdata.db</c> from the Python
/// tools) as an import source, without changing it: through a read-only <see cref="SqliteCandleStore"/>, so seed
/// spellings (<c>ETH/BTC</c>) and seconds timestamps come out as canonical series in ms. Rows whose prices are NULL
/// (the seed stored NaN as NULL) become issues located by their row id.
/// </summary>
internal static class SqliteDatabaseReader
{
    private static readonly byte[] Magic = "SQLite format 3\0"u8.ToArray();

    public static bool IsSqliteFile(string path)
    {
        try
        {
            using var f = File.OpenRead(path);
            var head = new byte[Magic.Length];
            return f.Read(head, 0, head.Length) == head.Length && head.AsSpan().SequenceEqual(Magic);
        }
        catch (IOException) { return false; }
    }

    public static async Task<CandleFile> ReadAsync(string path, CandleFileReadOptions options, CancellationToken ct = default)
    {
        var notes = new List<string>();
        var issues = new List<CandleIssue>();
        var series = new List<CandleFileSeries>();
        long secondsRows;
        await using (var store = new SqliteCandleStore(path, readOnly: true))
        {
            foreach (var info in await store.ListSeriesAsync(ct))
            {
                if (options.Series is { } only && info.Key != only) continue;
                var candles = await store.ReadRangeAsync(info.Key, ct: ct);
                series.Add(new CandleFileSeries(info.Key, options.Source ?? "sqlite_import", candles.Select((c, i) => new NumberedCandle(i + 1, c)).ToList()));
            }
        }
        if (options.Series is { } wanted && series.Count == 0)
            throw new InputException($"{path}: the database has no candles for {wanted}");

        await using (var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.GetFullPath(path), Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString()))
        {
            c.Open();
            await using (var count = c.CreateCommand())
            {
                count.CommandText = $"SELECT COUNT(*) FROM ohlcv WHERE ts < {TimestampUnits.SecondsBelow}";
                secondsRows = Convert.ToInt64(await count.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
            }
            await using var nulls = c.CreateCommand();
            nulls.CommandText = "SELECT rowid, symbol, timeframe, ts, open IS NULL, high IS NULL, low IS NULL, close IS NULL FROM ohlcv " +
                                "WHERE open IS NULL OR high IS NULL OR low IS NULL OR close IS NULL ORDER BY rowid";
            await using var r = await nulls.ExecuteReaderAsync(ct);
            string[] fields = ["open", "high", "low", "close"];
            while (await r.ReadAsync(ct))
            {
                if (options.Series is { } only && !(SeriesKey.TryParse($"{r.GetString(1)} {r.GetString(2)}", out var k) && k == only)) continue;
                for (int i = 0; i < 4; i++)
                    if (r.GetInt64(4 + i) == 1)
                        issues.Add(new CandleIssue(path, (int)r.GetInt64(0), fields[i], "NULL",
                            $"missing price in {r.GetString(1)} {r.GetString(2)} at ts {r.GetInt64(3)} (the seed stored NaN as NULL)", "rowid"));
            }
        }
        if (secondsRows > 0) notes.Add($"{secondsRows:N0} row(s) had timestamps in seconds; stored as UTC milliseconds");
        var unit = secondsRows > 0 ? TimestampUnit.Seconds : TimestampUnit.Milliseconds;
        return new CandleFile(path, CandleFileFormat.SqliteDatabase, unit, series, issues, notes, "row");
    }
}
