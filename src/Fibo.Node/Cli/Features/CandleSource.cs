using System.CommandLine;
using Fibo.Actors.Domain;
using Fibo.Actors.Domain.MarketData;
using Fibo.Actors.Infrastructure.MarketData;
using Fibo.Actors.Infrastructure.MarketData.Files;
using Fibo.Messages.MarketData;
using Fibo.Messages.Primitives;

namespace Fibo.Node.Cli.Features;

/// <summary>The candles of one series, from a file or a candle store.</summary>
internal sealed record LoadedCandles(SeriesKey Key, string Source, Candle[] Candles);

/// <summary>
/// The <c>--input FILE | --db DB --series KEY</c> options shared by features, dataset and audit. A file is read and
/// validated whole (an invalid row refuses the file and names it); a store is read in time order.
/// </summary>
internal sealed class CandleSource
{
    public readonly Option<string?> Input = new("--input") { Description = "Candle file: freqtrade CSV/JSON (.gz too) or the seed's CSV exports" };
    public readonly Option<string?> Db = new("--db") { Description = "Candle store: a SQLite file or a PostgreSQL connection string (Host=...)" };
    public readonly Option<string?> Series = new("--series") { Description = "Series key, e.g. ETH_BTC-5m (needed with --db; picks a series of a multi-series file)" };

    public void AddTo(Command command)
    {
        command.Options.Add(Input);
        command.Options.Add(Db);
        command.Options.Add(Series);
    }

    public async Task<LoadedCandles> LoadAsync(ParseResult parse, CancellationToken ct)
    {
        var input = parse.GetValue(Input);
        var db = parse.GetValue(Db);
        var seriesText = parse.GetValue(Series);
        SeriesKey? key = null;
        if (!string.IsNullOrWhiteSpace(seriesText))
        {
            if (!SeriesKey.TryParse(seriesText, out var k, out var error)) throw new InputException($"--series: {error}");
            key = k;
        }
        if (string.IsNullOrWhiteSpace(input) == string.IsNullOrWhiteSpace(db))
            throw new InputException("give exactly one candle source: --input FILE.csv, or --db DB --series KEY");
        return input is { Length: > 0 } ? LoadFile(input, key) : await LoadStoreAsync(db!, key, ct);
    }

    private static LoadedCandles LoadFile(string path, SeriesKey? key)
    {
        var file = CandleFileReader.Read(path, new CandleFileReadOptions(key));
        if (file.ParseIssues.Count > 0)
            throw CandleValidationException.Refusing(file.ParseIssues, "Fix or remove these rows, then run again.");
        CandleFileSeries series;
        if (file.Series.Count == 1) series = file.Series[0];
        else if (key is { } k && file.Series.FirstOrDefault(s => s.Key == k) is { } match) series = match;
        else if (file.Series.Count == 0) throw new InputException($"{path}: no candles in the file");
        else throw new InputException($"{path}: holds {file.Series.Count} series ({string.Join(", ", file.Series.Select(s => s.Key))}); pick one with --series");
        var validation = CandleValidator.Validate(file.Path, series.Key.Timeframe, series.Rows, file.LineLabel);
        if (!validation.IsValid)
            throw CandleValidationException.Refusing(validation.Issues, "Fix or remove these rows (features need a clean, ordered series), then run again.");
        if (validation.Valid.Count == 0) throw new InputException($"{path}: no candles in the file");
        return new LoadedCandles(series.Key, path, validation.Valid.ToArray());
    }

    private static async Task<LoadedCandles> LoadStoreAsync(string db, SeriesKey? key, CancellationToken ct)
    {
        if (key is null) throw new InputException("--db needs --series KEY (e.g. --series ETH_BTC-5m)");
        await using var store = await CandleStores.OpenAsync(db, createIfMissing: false, ct);
        var candles = await store.ReadRangeAsync(key.Value, ct: ct);
        if (candles.Count == 0)
        {
            var known = await store.ListSeriesAsync(ct);
            throw new InputException($"{store.Describe}: no candles for series {key}; the store has: {(known.Count == 0 ? "nothing" : string.Join(", ", known.Select(s => s.Key)))}");
        }
        return new LoadedCandles(key.Value, store.Describe, candles.ToArray());
    }
}
