using System.CommandLine;
using System.Diagnostics;
using Fibo.Actors.Domain;
using Fibo.Actors.Domain.MarketData;
using Fibo.Actors.Infrastructure.MarketData;
using Fibo.Messages.MarketData;
using Fibo.Messages.Primitives;
using Microsoft.Data.Sqlite;
using Spectre.Console;

namespace Fibo.Node.Cli.Bench;

/// <summary>
/// <c>fibo bench store</c>: candle import rate of <see cref="SqliteCandleStore"/> against a raw Microsoft.Data.Sqlite
/// prepared, batched INSERT of the same rows into the same schema (the seed's table, WAL, synchronous=NORMAL), both
/// into fresh files in the same run, alternating which goes first. Goal: ours ≥ 50 % of raw.
/// </summary>
internal static class StoreBench
{
    public const double Goal = 0.5;
    private static readonly SeriesKey Key = SeriesKey.Parse("BENCH_BTC-1m");

    public sealed record Measurement(string Name, int Rows, double BestRowsPerSecond, double[] RunsRowsPerSecond);

    public static Command Create()
    {
        var rows = new Option<int>("--rows") { Description = "Candles per run", DefaultValueFactory = _ => 200_000 };
        var runs = new Option<int>("--runs") { Description = "Runs per contender (the best run counts)", DefaultValueFactory = _ => 3 };
        var rawBatch = new Option<int>("--raw-batch") { Description = "Rows per transaction of the raw baseline", DefaultValueFactory = _ => 10_000 };
        var command = new Command("store", "Candle store import rows/s: SqliteCandleStore vs a raw prepared batched Microsoft.Data.Sqlite insert");
        command.Options.Add(rows);
        command.Options.Add(runs);
        command.Options.Add(rawBatch);
        CliAction.Set(command, async (parse, ct) =>
        {
            int n = parse.GetValue(rows), r = parse.GetValue(runs), batch = parse.GetValue(rawBatch);
            if (n < 1000) throw new InputException($"--rows {n}: use at least 1000 rows");
            if (r < 1) throw new InputException($"--runs {r}: use at least 1 run");
            if (batch < 1) throw new InputException($"--raw-batch {batch}: use at least 1 row");
            var (raw, ours, stream) = await RunAsync(n, r, batch, ct);
            double ratio = ours.BestRowsPerSecond / raw.BestRowsPerSecond;
            if (parse.GetValue(CliOptions.Json))
            {
                CliConsole.WriteJson(new
                {
                    suite = "store",
                    rows = n,
                    runs = r,
                    rawBatch = batch,
                    raw = raw.BestRowsPerSecond,
                    ours = ours.BestRowsPerSecond,
                    oursStream = stream.BestRowsPerSecond,
                    ratio,
                    streamRatio = stream.BestRowsPerSecond / raw.BestRowsPerSecond,
                    goal = Goal,
                    meetsGoal = ratio >= Goal,
                    runsRowsPerSecond = new { raw = raw.RunsRowsPerSecond, ours = ours.RunsRowsPerSecond, oursStream = stream.RunsRowsPerSecond },
                });
                return 0;
            }
            var table = new Table().Title($"candle store import, {n:N0} rows × {r} run(s), best run")
                .AddColumns("Contender", "Rows/s", "vs raw");
            table.AddRow($"raw Microsoft.Data.Sqlite (prepared, {batch:N0} rows/txn)", raw.BestRowsPerSecond.ToString("N0"), "1.00");
            table.AddRow("SqliteCandleStore import (upsert, 1 txn)", ours.BestRowsPerSecond.ToString("N0"), ratio.ToString("0.00"));
            table.AddRow("SqliteCandleStore stream (insert-or-ignore)", stream.BestRowsPerSecond.ToString("N0"), (stream.BestRowsPerSecond / raw.BestRowsPerSecond).ToString("0.00"));
            CliConsole.Out.Write(table);
            CliConsole.Out.MarkupLine(ratio >= Goal
                ? $"[green]ratio {ratio:0.00} ≥ goal {Goal:0.00}[/]"
                : $"[red]ratio {ratio:0.00} < goal {Goal:0.00}[/]");
            return 0;
        });
        return command;
    }

    public static async Task<(Measurement Raw, Measurement Ours, Measurement Stream)> RunAsync(int rows, int runs, int rawBatch, CancellationToken ct)
    {
        var candles = SyntheticMarket.Generate(Key.Timeframe, rows, 1, DateTimeOffset.Parse("2024-01-01T00:00:00Z").ToUnixTimeMilliseconds());
        var dir = Path.Combine(Path.GetTempPath(), "fibo-bench-store-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        try
        {
            // Warm-up (JIT, native library load), not counted.
            var warm = candles.Take(2000).ToList();
            await Raw(Path.Combine(dir, "warm-raw.db"), warm, rawBatch);
            await Ours(Path.Combine(dir, "warm-ours.db"), warm, CandleWriteMode.Import, ct);

            var rawRuns = new List<double>();
            var ourRuns = new List<double>();
            var streamRuns = new List<double>();
            for (int i = 0; i < runs; i++)
            {
                ct.ThrowIfCancellationRequested();
                if (i % 2 == 0)
                {
                    rawRuns.Add(await Raw(Path.Combine(dir, $"raw-{i}.db"), candles, rawBatch));
                    ourRuns.Add(await Ours(Path.Combine(dir, $"ours-{i}.db"), candles, CandleWriteMode.Import, ct));
                }
                else
                {
                    ourRuns.Add(await Ours(Path.Combine(dir, $"ours-{i}.db"), candles, CandleWriteMode.Import, ct));
                    rawRuns.Add(await Raw(Path.Combine(dir, $"raw-{i}.db"), candles, rawBatch));
                }
                streamRuns.Add(await Ours(Path.Combine(dir, $"stream-{i}.db"), candles, CandleWriteMode.Stream, ct));
            }
            return (new Measurement("raw", rows, rawRuns.Max(), [.. rawRuns]),
                    new Measurement("ours", rows, ourRuns.Max(), [.. ourRuns]),
                    new Measurement("ours-stream", rows, streamRuns.Max(), [.. streamRuns]));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>The baseline: the Microsoft.Data.Sqlite bulk-insert recipe (transaction + one reused prepared command).</summary>
    private static Task<double> Raw(string path, IReadOnlyList<Candle> candles, int batch)
    {
        using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        c.Open();
        Exec(c, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;");
        Exec(c, OhlcvSchema.SqliteSeedScript + OhlcvSchema.SqliteUniqueIndex);

        var sw = Stopwatch.StartNew();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "INSERT INTO ohlcv (symbol, timeframe, ts, open, high, low, close, volume, source) " +
                          "VALUES ($symbol, $timeframe, $ts, $open, $high, $low, $close, $volume, $source)";
        var symbol = cmd.Parameters.Add("$symbol", SqliteType.Text);
        var tf = cmd.Parameters.Add("$timeframe", SqliteType.Text);
        var ts = cmd.Parameters.Add("$ts", SqliteType.Integer);
        var o = cmd.Parameters.Add("$open", SqliteType.Real);
        var h = cmd.Parameters.Add("$high", SqliteType.Real);
        var l = cmd.Parameters.Add("$low", SqliteType.Real);
        var cl = cmd.Parameters.Add("$close", SqliteType.Real);
        var v = cmd.Parameters.Add("$volume", SqliteType.Real);
        var source = cmd.Parameters.Add("$source", SqliteType.Text);
        symbol.Value = Key.Symbol.Exchange;
        tf.Value = Key.Timeframe.Code;
        source.Value = "bench";
        for (int start = 0; start < candles.Count; start += batch)
        {
            using var tx = c.BeginTransaction();
            cmd.Transaction = tx;
            cmd.Prepare();
            int end = Math.Min(candles.Count, start + batch);
            for (int i = start; i < end; i++)
            {
                var k = candles[i];
                ts.Value = k.OpenTime; o.Value = k.Open; h.Value = k.High; l.Value = k.Low; cl.Value = k.Close; v.Value = k.Volume;
                cmd.ExecuteNonQuery();
            }
            tx.Commit();
        }
        sw.Stop();
        return Task.FromResult(candles.Count / sw.Elapsed.TotalSeconds);
    }

    private static async Task<double> Ours(string path, IReadOnlyList<Candle> candles, CandleWriteMode mode, CancellationToken ct)
    {
        await using var store = new SqliteCandleStore(path);
        await store.InitializeAsync(ct);
        var sw = Stopwatch.StartNew();
        int written = await store.WriteAsync(Key, candles, mode, "bench", ct);
        sw.Stop();
        if (written != candles.Count) throw new InvalidOperationException($"store wrote {written} of {candles.Count} rows");
        return candles.Count / sw.Elapsed.TotalSeconds;
    }

    private static void Exec(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
