using System.CommandLine;
using System.Globalization;
using Fibo.Actors.Domain;
using Fibo.Actors.Domain.Prediction;
using Fibo.Actors.Infrastructure.Models;
using Fibo.Node.Cli.Features;
using Spectre.Console;

namespace Fibo.Node.Cli.Models;

/// <summary>
/// <c>fibo forecast</c>: the multi-horizon fan from the latest window (SEED-SPEC §7.7) as a table and a PNG, and
/// optionally the offline jump method over past windows (§7.8) with its error summary.
/// </summary>
internal static class ForecastCommand
{
    public static Command Create()
    {
        var command = new Command("forecast", "Multi-horizon fan from the latest window (table + PNG); --jump N also scores N past predictions");
        var model = new ModelLocation(modelRequired: false);
        model.AddTo(command);
        var source = new CandleSource();
        source.AddTo(command);
        var horizons = new Option<string>("--horizons") { Description = "Horizons in bars, comma-separated", DefaultValueFactory = _ => "1,3,5,10,15,20,30" };
        var plot = new Option<string?>("--plot") { Description = "PNG of the fan (default: fan-SERIES.png in the current directory)" };
        var jump = new Option<int>("--jump") { Description = "Also run the jump method over the last N windows and report MAE, RMSE, MAPE, direction", DefaultValueFactory = _ => 0 };
        var jumpOut = new Option<string?>("--jump-output") { Description = "CSV of the jump-method predictions" };
        foreach (var o in new Option[] { horizons, plot, jump, jumpOut }) command.Options.Add(o);
        CliAction.Set(command, async (parse, ct) =>
        {
            var hs = ParseHorizons(parse.GetValue(horizons)!);
            using var snapshot = model.Load(parse);
            var loaded = await source.LoadAsync(parse, ct);
            var frame = ModelInputs.Compute(snapshot, loaded.Candles);
            var last = frame.RowCount - 1;
            var window = InferenceWindows.Cut(frame, snapshot.SeqLen, [last]);
            var price = frame.Close[last];
            var fan = snapshot.Fan(window, price, hs);
            var plotPath = parse.GetValue(plot) ?? $"fan-{loaded.Key}.png";
            var history = frame.Close[Math.Max(0, frame.RowCount - 100)..].ToArray();
            FanPlot.Write(plotPath, history, fan, $"{loaded.Key} fan from {Time(frame.Timestamps[last])} ({snapshot.Version})");

            JumpForecastResult? jumped = null;
            var n = parse.GetValue(jump);
            if (n < 0) throw new InputException($"--jump must not be negative, got {n}");
            if (n > 0)
            {
                var h = snapshot.Meta.Horizon;
                jumped = JumpForecast.Run(snapshot, frame, n, startIndex: Math.Max(snapshot.SeqLen, frame.RowCount - h - n));
                if (parse.GetValue(jumpOut) is { Length: > 0 } jp) PredictionCsv.WriteJump(jp, jumped.Rows);
            }

            if (parse.GetValue(CliOptions.Json))
            {
                CliConsole.WriteJson(new
                {
                    model = snapshot.Version, series = loaded.Key.ToString(), lastCandle = frame.Timestamps[last], currentPrice = price,
                    signal = FanForecast.DominantSignal(fan), fan, plot = Path.GetFullPath(plotPath),
                    jump = jumped is null ? null : new { jumped.Summary, jumped.Warnings },
                    note = ModelMeta.UncalibratedBandsNote,
                });
                return 0;
            }
            Print(snapshot, loaded.Key.ToString(), frame.Timestamps[last], price, fan, plotPath, jumped);
            return 0;
        });
        return command;
    }

    private static void Print(ModelSnapshot model, string series, long lastTime, double price, IReadOnlyList<FanPoint> fan, string plotPath, JumpForecastResult? jumped)
    {
        var o = CliConsole.Out;
        var table = new Table().Title($"{series} fan from the candle of {Time(lastTime)}, price {G(price)} (model {model.Version}, native h = {model.Meta.Horizon})")
            .AddColumn("h").AddColumn("method").AddColumn("price").AddColumn("change %").AddColumn("\"55%\" band").AddColumn("\"68%\" band").AddColumn("σ_h");
        foreach (var p in fan)
            table.AddRow(p.Horizon.ToString(CultureInfo.InvariantCulture), p.Method, G(p.Price), p.ChangePct.ToString("+0.000;-0.000", CultureInfo.InvariantCulture),
                $"{G(p.Lower55)} … {G(p.Upper55)}", $"{G(p.Lower68)} … {G(p.Upper68)}", G(p.Volatility));
        o.Write(table);
        o.WriteLine($"signal: {FanForecast.DominantSignal(fan)}; plot: {Path.GetFullPath(plotPath)}");
        o.MarkupLineInterpolated($"[grey]{ModelMeta.UncalibratedBandsNote}[/]");
        if (jumped is null) return;
        var s = jumped.Summary;
        foreach (var w in jumped.Warnings) CliConsole.Error.MarkupLineInterpolated($"[yellow]warning:[/] {w}");
        o.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"jump method, {s.Count} predictions {s.Horizon} bars ahead: MAE {s.Mae:G5}, RMSE {s.Rmse:G5}, MAPE {s.Mape:F3}%, direction {s.DirectionalAccuracy:P1}"));
    }

    internal static IReadOnlyList<int> ParseHorizons(string text)
    {
        var list = new List<int>();
        foreach (var p in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            list.Add(int.TryParse(p, NumberStyles.Integer, CultureInfo.InvariantCulture, out var h) && h >= 1
                ? h
                : throw new InputException($"--horizons: '{p}' is not a whole number of bars ≥ 1 (e.g. --horizons 1,3,5,10)"));
        return list.Count > 0 ? list : throw new InputException("--horizons: give at least one horizon");
    }

    private static string G(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
    private static string Time(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).ToString("u", CultureInfo.InvariantCulture);
}
