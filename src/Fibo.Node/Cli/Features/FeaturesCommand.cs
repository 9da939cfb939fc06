using System.CommandLine;
using System.Globalization;
using System.Text;
using Fibo.Actors.Domain;
using Fibo.Actors.Domain.Features;
using Spectre.Console;

namespace Fibo.Node.Cli.Features;

/// <summary>
/// <c>fibo features</c>: computes a feature set over a series and writes the rows that survive the seed's warm-up dropna
/// as CSV (header <c>timestamp</c> then the set's columns, round-trip precision), for parity checks against the seed.
/// </summary>
internal static class FeaturesCommand
{
    public static Command Create()
    {
        var command = new Command("features", "Compute a feature set (v1/v2) over a series and write it as CSV (timestamp + columns, round-trip doubles)");
        var source = new CandleSource();
        source.AddTo(command);
        var set = FeatureSetOption.Create();
        var output = new Option<string?>("--output") { Description = "CSV file to write (default: stdout)" };
        command.Options.Add(set);
        command.Options.Add(output);
        CliAction.Set(command, async (parse, ct) =>
        {
            var fs = FeatureRegistry.Get(parse.GetValue(set)!);
            var loaded = await source.LoadAsync(parse, ct);
            var frame = fs.CreateBatch().Compute(loaded.Candles).DropIncomplete();
            var outPath = parse.GetValue(output);
            if (outPath is { Length: > 0 })
            {
                var dir = Path.GetDirectoryName(Path.GetFullPath(outPath));
                if (dir is not null && !Directory.Exists(dir)) throw new InputException($"--output: directory '{dir}' does not exist");
                await using var file = new StreamWriter(outPath, append: false, new UTF8Encoding(false));
                await WriteCsvAsync(frame, file);
            }
            else
            {
                await WriteCsvAsync(frame, Console.Out);
            }
            var summary = new
            {
                series = loaded.Key.ToString(),
                source = loaded.Source,
                set = fs.Name,
                columns = fs.Columns.Count,
                candles = loaded.Candles.Length,
                rows = frame.RowCount,
                dropped = loaded.Candles.Length - frame.RowCount,
                output = outPath,
            };
            if (outPath is { Length: > 0 })
            {
                if (parse.GetValue(CliOptions.Json)) CliConsole.WriteJson(summary);
                else CliConsole.Out.WriteLine($"{summary.series} {fs.Name}: {summary.rows} rows × {summary.columns} columns written to {outPath} ({summary.dropped} of {summary.candles} candles dropped: warm-up/incomplete)");
            }
            else
            {
                CliConsole.Error.WriteLine($"{summary.series} {fs.Name}: {summary.rows} rows ({summary.dropped} of {summary.candles} candles dropped: warm-up/incomplete)");
            }
            return 0;
        });
        return command;
    }

    internal static async Task WriteCsvAsync(FeatureFrame frame, TextWriter writer)
    {
        await writer.WriteLineAsync("timestamp," + string.Join(",", frame.Columns));
        var line = new StringBuilder(frame.ColumnCount * 24);
        for (int r = 0; r < frame.RowCount; r++)
        {
            line.Clear();
            line.Append(frame.Timestamps[r].ToString(CultureInfo.InvariantCulture));
            foreach (var v in frame.Row(r)) line.Append(',').Append(v.ToString("R", CultureInfo.InvariantCulture));
            await writer.WriteLineAsync(line.ToString());
        }
        await writer.FlushAsync();
    }
}
