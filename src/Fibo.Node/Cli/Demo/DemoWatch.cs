using System.Diagnostics;
using Akka.Actor;
using Fibo.Actors.Actors.Common;
using Fibo.Messages.MarketData;
using Fibo.Messages.Primitives;
using Spectre.Console;

namespace Fibo.Node.Cli.Demo;

/// <summary>
/// Watches the running pipeline until every series has processed and decided its last candle: live progress on stderr
/// (bars per series and the node's totals on a terminal, a line every two seconds otherwise).
/// </summary>
internal sealed class DemoWatch(IActorRef seriesRegion, PipelineMetrics metrics, IReadOnlyList<(SeriesKey Key, IReadOnlyList<Candle> Candles)> series)
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);
    private long _published;

    public void Published(long count) => Interlocked.Exchange(ref _published, count);

    public async Task<Dictionary<SeriesKey, SeriesStatus>> StatusesAsync() =>
        (await Task.WhenAll(series.Select(s => seriesRegion.Ask<SeriesStatus>(new GetSeriesStatus(s.Key), AskTimeout))))
            .ToDictionary(s => s.Series);

    private bool Done(Dictionary<SeriesKey, SeriesStatus> statuses) =>
        series.All(s => statuses[s.Key].LastCandle?.OpenTime == s.Candles[^1].OpenTime && statuses[s.Key].PendingDecisions == 0);

    public async Task WaitAsync(Task publishing, TimeSpan timeout, CancellationToken ct)
    {
        var total = series.Sum(s => s.Candles.Count);
        var clock = Stopwatch.StartNew();
        string Totals() =>
            $"published {Interlocked.Read(ref _published):N0}/{total:N0} · stored {metrics.CandlesWritten:N0} ({metrics.CandlesWritten / Math.Max(0.001, clock.Elapsed.TotalSeconds):N0} candles/s) · " +
            $"predictions {metrics.Predictions:N0} · orders {metrics.OrdersAccepted:N0}";

        async Task<bool> Step(Action<Dictionary<SeriesKey, SeriesStatus>> show)
        {
            if (publishing.IsFaulted) await publishing; // surfaces the producer's error
            if (clock.Elapsed > timeout)
                throw new TimeoutException($"the pipeline did not finish within {timeout.TotalMinutes:0} minutes ({Totals()}); see the log file");
            var statuses = await StatusesAsync();
            show(statuses);
            if (publishing.IsCompleted && Done(statuses)) return true;
            await Task.Delay(250, ct);
            return false;
        }

        if (!CliConsole.Error.Profile.Capabilities.Interactive)
        {
            var lastLine = TimeSpan.Zero;
            while (!await Step(_ =>
                   {
                       if (clock.Elapsed - lastLine < TimeSpan.FromSeconds(2)) return;
                       lastLine = clock.Elapsed;
                       Console.Error.WriteLine($"[{clock.Elapsed.TotalSeconds,5:0.0} s] {Totals()}");
                   })) { }
            Console.Error.WriteLine($"[{clock.Elapsed.TotalSeconds,5:0.0} s] {Totals()}");
            return;
        }

        await CliConsole.Error.Progress().AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn())
            .StartAsync(async ctx =>
            {
                var overall = ctx.AddTask("pipeline", maxValue: total);
                var bars = series.ToDictionary(s => s.Key, s => ctx.AddTask(s.Key.ToString(), maxValue: s.Candles.Count));
                while (!await Step(statuses =>
                       {
                           overall.Description = Markup.Escape(Totals());
                           overall.Value = statuses.Values.Sum(s => Index(s));
                           foreach (var (key, bar) in bars)
                           {
                               var s = statuses[key];
                               bar.Value = Index(s);
                               bar.Description = Markup.Escape($"{key,-11} predictions {s.Predictions,6:N0}  orders {s.Orders,4:N0}  position {s.PositionQuantity:0.########}");
                           }
                       })) { }
                overall.Value = overall.MaxValue;
                overall.Description = Markup.Escape(Totals());
            });

        // How far a series got: its candles up to the last one decided.
        double Index(SeriesStatus s)
        {
            var candles = series.First(x => x.Key == s.Series).Candles;
            if (s.LastCandle is not { } last) return 0;
            var i = BinarySearch(candles, last.OpenTime);
            return Math.Max(0, i + 1 - s.PendingDecisions);
        }
    }

    private static int BinarySearch(IReadOnlyList<Candle> candles, long openTime)
    {
        int lo = 0, hi = candles.Count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var t = candles[mid].OpenTime;
            if (t == openTime) return mid;
            if (t < openTime) lo = mid + 1; else hi = mid - 1;
        }
        return hi;
    }
}
