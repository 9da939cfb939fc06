using System.Text.Json;
using Fibo.Actors.Domain;
using Fibo.Actors.Domain.MarketData;
using Fibo.Messages.MarketData;

namespace Fibo.Actors.Infrastructure.MarketData.Files;

/// <summary>
/// freqtrade's JSON candles: an array of <c>[timestamp, open, high, low, close, volume]</c> arrays (numbers, or
/// numeric strings). Issues are located by row (1-based array index), since such files are often one line.
/// </summary>
internal static class FreqtradeJsonReader
{
    private static readonly string[] Names = ["timestamp", "open", "high", "low", "close", "volume"];

    public static CandleFile Read(string path, StreamReader reader, CandleFileReadOptions options)
    {
        var key = options.Series ?? (CandleFileName.TryParse(path, out var k) ? k
            : throw new InputException($"{path}: cannot tell which series this file holds: name it like ETH_BTC-5m.json or pass --series ETH_BTC-5m"));

        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(reader.ReadToEnd(), new JsonDocumentOptions { AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new InputException($"{path}: not valid JSON at line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1}: {e.Message.Split(" Path:")[0]}. Expected [[timestamp, open, high, low, close, volume], ...]", e);
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Array)
                throw new InputException($"{path}: expected a JSON array of [timestamp, open, high, low, close, volume] rows, found a {doc.RootElement.ValueKind}");

            var issues = new List<CandleIssue>();
            var rows = new List<NumberedCandle>(doc.RootElement.GetArrayLength());
            var units = new CandleNumbers.UnitTracker();
            var v = new double[5];
            int row = 0;
            foreach (var element in doc.RootElement.EnumerateArray())
            {
                row++;
                void Issue(string field, string value, string problem) => issues.Add(new CandleIssue(path, row, field, CandleNumbers.Clip(value), problem, "row"));
                if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() < 6)
                {
                    Issue("row", element.GetRawText(), "expected [timestamp, open, high, low, close, volume]");
                    continue;
                }
                var items = element.EnumerateArray().Take(6).ToArray();
                var tsText = Text(items[0]);
                if (!CandleNumbers.TryParseTimestamp(tsText, out var raw, out var numeric)) { Issue(Names[0], tsText, CandleNumbers.TimestampHelp); continue; }
                long openTime = raw;
                if (numeric)
                {
                    var ms = units.ToMilliseconds(raw, out var problem);
                    if (ms is null) { Issue(Names[0], tsText, problem!); continue; }
                    openTime = ms.Value;
                }
                bool ok = true;
                for (int i = 0; i < 5; i++)
                {
                    var item = items[i + 1];
                    if (item.ValueKind == JsonValueKind.Number && item.TryGetDouble(out v[i])) continue;
                    var text = Text(item);
                    if (item.ValueKind is JsonValueKind.Null) { Issue(Names[i + 1], "null", "missing value"); ok = false; }
                    else if (!CandleNumbers.TryParseDouble(text, out v[i])) { Issue(Names[i + 1], text, "not a number"); ok = false; }
                }
                if (!ok) continue;
                rows.Add(new NumberedCandle(row, Candle.Closed(openTime, v[0], v[1], v[2], v[3], v[4], key.Timeframe.Add(openTime))));
            }

            var notes = new List<string>();
            if (units.Unit == TimestampUnit.Seconds) notes.Add("timestamps were in seconds; stored as UTC milliseconds");
            var series = new[] { new CandleFileSeries(key, options.Source ?? "freqtrade_json", rows) };
            return new CandleFile(path, CandleFileFormat.FreqtradeJson, units.Unit, series, issues, notes, "row");
        }
    }

    private static string Text(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString() ?? "",
        JsonValueKind.Number => e.GetRawText(),
        _ => e.GetRawText(),
    };
}
