using System.Text;
using Fibo.Actors.Domain;
using Fibo.Actors.Domain.MarketData;
using Fibo.Messages.MarketData;
using Fibo.Messages.Primitives;

namespace Fibo.Actors.Infrastructure.MarketData.Files;

/// <summary>
/// The CSV layouts: freqtrade, and the seed's influx_export / tradingview / tradingview_lower (detected from the header
/// in the seed's order). Symbol and timeframe come from <c>--series</c>, else the file's columns, else the file name.
/// </summary>
internal static class CsvCandleReader
{
    private sealed class Layout
    {
        public CandleFileFormat Format;
        public int Ts, Open, High, Low, Close, Volume = -1, Symbol = -1, Timeframe = -1, Source = -1;
        public string DefaultSource = "";
        public int MaxIndex => new[] { Ts, Open, High, Low, Close, Volume, Symbol, Timeframe, Source }.Max();
    }

    public static CandleFile Read(string path, StreamReader reader, CandleFileReadOptions options)
    {
        int lineNo = 0;
        string? headerLine = null;
        while ((headerLine = reader.ReadLine()) is not null)
        {
            lineNo++;
            if (headerLine.Trim().Length > 0) break;
        }
        if (headerLine is null) throw new InputException($"{path}: the file is empty; expected a CSV header such as timestamp,open,high,low,close,volume");

        var header = Split(headerLine).Select(h => h.Trim()).ToArray();
        var notes = new List<string>();
        var layout = Detect(path, header, notes);
        var fileKey = CandleFileName.TryParse(path, out var k) ? k : (SeriesKey?)null;
        if (options.Series is null && layout.Symbol < 0 && fileKey is null)
            throw NoSeries(path);
        if (options.Series is null && layout.Timeframe < 0 && fileKey is null)
            throw NoSeries(path);

        var issues = new List<CandleIssue>();
        var groups = new Dictionary<SeriesKey, (List<NumberedCandle> Rows, string Source)>();
        var order = new List<SeriesKey>();
        var keyCache = new Dictionary<(string, string), (SeriesKey? Key, string? Field, string? Value, string? Problem)>();
        var units = new CandleNumbers.UnitTracker();
        int needed = layout.MaxIndex + 1;
        string[] names = ["timestamp", "open", "high", "low", "close", "volume"];
        int[] cols = [layout.Open, layout.High, layout.Low, layout.Close, layout.Volume];
        var v = new double[5];

        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNo++;
            if (line.Length == 0 || string.IsNullOrWhiteSpace(line)) continue;
            var f = Split(line);
            void Issue(string field, string value, string problem) => issues.Add(new CandleIssue(path, lineNo, field, CandleNumbers.Clip(value), problem));
            if (f.Count < needed)
            {
                Issue("row", line, $"expected {needed} columns like the header, found {f.Count}");
                continue;
            }

            // The series of this row.
            SeriesKey key;
            if (options.Series is { } forced) key = forced;
            else
            {
                var symText = layout.Symbol >= 0 ? f[layout.Symbol].Trim() : "";
                var tfText = layout.Timeframe >= 0 ? f[layout.Timeframe].Trim() : "";
                if (!keyCache.TryGetValue((symText, tfText), out var resolved))
                    keyCache[(symText, tfText)] = resolved = ResolveKey(symText, tfText, fileKey, layout);
                if (resolved.Key is null)
                {
                    Issue(resolved.Field!, resolved.Value!, resolved.Problem!);
                    continue;
                }
                key = resolved.Key.Value;
            }

            // Timestamp.
            var tsText = f[layout.Ts];
            if (!CandleNumbers.TryParseTimestamp(tsText, out var raw, out var numeric))
            {
                Issue(names[0], tsText, CandleNumbers.TimestampHelp);
                continue;
            }
            long openTime = raw;
            if (numeric)
            {
                var ms = units.ToMilliseconds(raw, out var unitProblem);
                if (ms is null) { Issue(names[0], tsText, unitProblem!); continue; }
                openTime = ms.Value;
            }

            // Prices and volume.
            bool ok = true;
            for (int i = 0; i < 5; i++)
            {
                if (cols[i] < 0) { v[i] = 0; continue; }
                var text = f[cols[i]].Trim();
                if (text.Length == 0) { Issue(names[i + 1], "", "missing value"); ok = false; }
                else if (!CandleNumbers.TryParseDouble(text, out v[i])) { Issue(names[i + 1], text, "not a number"); ok = false; }
            }
            if (!ok) continue;

            if (!groups.TryGetValue(key, out var group))
            {
                var source = options.Source ?? (layout.Source >= 0 && f[layout.Source].Trim().Length > 0 ? f[layout.Source].Trim() : layout.DefaultSource);
                groups[key] = group = (new List<NumberedCandle>(), source);
                order.Add(key);
            }
            group.Rows.Add(new NumberedCandle(lineNo, Candle.Closed(openTime, v[0], v[1], v[2], v[3], v[4], key.Timeframe.Add(openTime))));
        }

        if (units.Unit == TimestampUnit.Seconds) notes.Add("timestamps were in seconds; stored as UTC milliseconds");
        var series = order.Select(key => new CandleFileSeries(key, groups[key].Source, groups[key].Rows)).ToList();
        return new CandleFile(path, layout.Format, units.Unit, series, issues, notes, "line");
    }

    private static (SeriesKey?, string?, string?, string?) ResolveKey(string symText, string tfText, SeriesKey? fileKey, Layout layout)
    {
        Symbol symbol;
        if (symText.Length > 0)
        {
            // TradingView writes "BINANCE:BTCUSDT"; the seed strips '/' and upper-cases.
            var s = symText.Contains(':') ? symText[(symText.LastIndexOf(':') + 1)..] : symText;
            if (!Symbol.TryParse(s, out symbol, out var error)) return (null, "symbol", symText, error);
        }
        else if (fileKey is { } fk) symbol = fk.Symbol;
        else return (null, "symbol", "", layout.Symbol >= 0 ? "missing symbol (and the file name names no series)" : "no symbol");

        Timeframe tf;
        if (tfText.Length > 0)
        {
            if (!Timeframe.TryParse(tfText, out tf, out var error)) return (null, "timeframe", tfText, error);
        }
        else if (fileKey is { } fk) tf = fk.Timeframe;
        else return (null, "timeframe", "", "missing timeframe (and the file name names no series); pass --series");
        return (new SeriesKey(symbol, tf), null, null, null);
    }

    private static InputException NoSeries(string path) =>
        new($"{path}: cannot tell which series this file holds: name it like ETH_BTC-5m.csv, give it symbol and timeframe columns, or pass --series ETH_BTC-5m");

    private static Layout Detect(string path, string[] header, List<string> notes)
    {
        int Exact(string name) => Array.IndexOf(header, name);
        int Any(string name) => Array.FindIndex(header, h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase));
        bool HasAll(Func<string, int> find, params string[] names) => names.All(n => find(n) >= 0);

        // The seed's order: influx_export, tradingview, tradingview_lower; then freqtrade (ours).
        if (HasAll(Any, "ts", "o", "h", "l", "c", "v"))
            return new Layout
            {
                Format = CandleFileFormat.InfluxExportCsv, Ts = Any("ts"), Open = Any("o"), High = Any("h"), Low = Any("l"), Close = Any("c"),
                Volume = Any("v"), Symbol = Any("symbol"), Timeframe = Any("timeframe"), Source = Any("source"), DefaultSource = "csv_import",
            };
        bool upper = HasAll(Exact, "Unix", "Open", "High", "Low", "Close");
        if (upper || HasAll(Any, "unix", "open", "high", "low", "close"))
        {
            var layout = new Layout
            {
                Format = upper ? CandleFileFormat.TradingViewCsv : CandleFileFormat.TradingViewLowerCsv,
                Ts = Any("unix"), Open = Any("open"), High = Any("high"), Low = Any("low"), Close = Any("close"),
                Symbol = Any("symbol"), Timeframe = Any("timeframe"), DefaultSource = "csv_tradingview",
            };
            // Base volume only (never "Volume USDT"): the seed's priority Volume BTC > volume_btc > volume.
            foreach (var name in new[] { "Volume BTC", "volume_btc", "volume" })
            {
                layout.Volume = Any(name);
                if (layout.Volume >= 0)
                {
                    if (!string.Equals(name, "volume", StringComparison.OrdinalIgnoreCase)) notes.Add($"volume taken from column '{header[layout.Volume]}'");
                    break;
                }
            }
            if (layout.Volume < 0) notes.Add("no base-volume column (Volume BTC, volume_btc, volume): volume stored as 0");
            return layout;
        }
        int ts = Any("timestamp") >= 0 ? Any("timestamp") : Any("date");
        if (ts >= 0 && HasAll(Any, "open", "high", "low", "close", "volume"))
            return new Layout
            {
                Format = CandleFileFormat.FreqtradeCsv, Ts = ts, Open = Any("open"), High = Any("high"), Low = Any("low"), Close = Any("close"),
                Volume = Any("volume"), Symbol = Any("symbol"), Timeframe = Any("timeframe"), Source = Any("source"), DefaultSource = "freqtrade_csv",
            };

        throw new InputException(
            $"{path}: unknown CSV format, header '{CandleNumbers.Clip(string.Join(",", header), 120)}'. Expected one of: " +
            "freqtrade 'timestamp,open,high,low,close,volume'; the seed's export 'symbol,timeframe,ts,o,h,l,c,v,source'; " +
            "TradingView 'Unix,Open,High,Low,Close[,Volume BTC]' (or lower-case)");
    }

    /// <summary>Splits one CSV line; handles double-quoted fields with "" escapes.</summary>
    internal static List<string> Split(string line)
    {
        var fields = new List<string>(8);
        if (!line.Contains('"'))
        {
            int start = 0;
            for (int i = 0; i <= line.Length; i++)
            {
                if (i == line.Length || line[i] == ',')
                {
                    fields.Add(line.Substring(start, i - start));
                    start = i + 1;
                }
            }
            return fields;
        }
        var sb = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char ch = line[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < line.Length && line[i + 1] == '"') { sb.Append('"'); i++; }
                else if (ch == '"') quoted = false;
                else sb.Append(ch);
            }
            else if (ch == '"') quoted = true;
            else if (ch == ',') { fields.Add(sb.ToString()); sb.Clear(); }
            else sb.Append(ch);
        }
        fields.Add(sb.ToString());
        return fields;
    }
}
