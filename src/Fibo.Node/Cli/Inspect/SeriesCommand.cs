using System.CommandLine;
using Fibo.Node.Http.Contracts;

namespace Fibo.Node.Cli.Inspect;

/// <summary><c>fibo [NODE] series list|show -s KEY</c>: the candle store's series and their live <c>candle-series</c> entities.</summary>
internal static class SeriesCommand
{
    public static Command Create()
    {
        var series = new Command("series", "Series of a node: stored candles and the live series entity (last candle, window, last forecast)");
        series.Subcommands.Add(List());
        series.Subcommands.Add(Show());
        return series;
    }

    private static Command List()
    {
        var command = new Command("list", "Every series: key | rows | first → last | entity state | last candle | window | last forecast | model | orders | position");
        InspectAction.Set(command, (_, node, ct) => node.GetAsync("api/series", ct), body =>
        {
            var view = NodeClient.Read<SeriesListView>(body);
            if (!view.RegionRunning) PbmLines.Note("the candle-series region is not running on this node: entity columns are empty");
            if (view.EntitiesError is { } error) PbmLines.Note($"live entities unknown: {error}");
            if (view.Series.Count == 0) PbmLines.Note($"no series in {view.Store}");
            foreach (var s in view.Series) PbmLines.Write(Line(s));
        });
        return command;
    }

    private static Command Show()
    {
        var key = new Option<string>("--series", "-s") { Description = "Series key, e.g. ETH_BTC-5m", Required = true };
        var command = new Command("show", "One series: its stored candles and its entity's status");
        command.Options.Add(key);
        InspectAction.Set(command, (parse, node, ct) => node.GetAsync($"api/series/{Uri.EscapeDataString(parse.GetValue(key)!)}", ct), body =>
        {
            var s = NodeClient.Read<SeriesSummaryView>(body);
            PbmLines.Write("series", s.Series);
            if (s.Stored is { } stored)
            {
                PbmLines.Write("stored rows", stored.Rows.ToString(System.Globalization.CultureInfo.InvariantCulture));
                PbmLines.Write("stored range", $"{PbmLines.Time(stored.FirstOpenTime)} → {PbmLines.Time(stored.LastOpenTime)}");
            }
            else PbmLines.Write("stored rows", "0");
            PbmLines.Write("entity", s.EntityLive ? "live" : "not running");
            if (s.StatusError is { } error) PbmLines.Write("status", error);
            if (s.Status is { } st)
            {
                PbmLines.Write("state", st.State ?? "-");
                PbmLines.Write("candles", $"processed {st.CandlesProcessed}", $"duplicates {st.Duplicates}", $"revisions {st.Revisions}", $"backfilled {st.Backfilled}");
                PbmLines.Write("window", $"{st.WindowFill}/{st.WindowSize}");
                if (st.LastCandle is { } c)
                    PbmLines.Write("last candle", $"{PbmLines.Time(c.OpenTime)} o {PbmLines.Number(c.Open)} h {PbmLines.Number(c.High)} l {PbmLines.Number(c.Low)} c {PbmLines.Number(c.Close)} v {PbmLines.Number(c.Volume)}");
                PbmLines.Write("forecasts", $"{st.Predictions}", $"last: {Forecast(st) ?? "none yet"}");
                PbmLines.Write("model", st.ModelVersion ?? "none");
                PbmLines.Write("decisions", $"{st.Decisions}", $"orders {st.Orders}", $"pending {st.PendingDecisions}");
                PbmLines.Write("position", st.Account ?? "-", $"qty {PbmLines.Number(st.PositionQuantity)}",
                    $"entry {PbmLines.Number(st.PositionAverageEntryPrice)}", st.PendingOrder ? "order pending" : "no order pending");
            }
        });
        return command;
    }

    internal static string[] Line(SeriesSummaryView s)
    {
        var stored = s.Stored is { } r ? [$"rows: {r.Rows}", $"{PbmLines.Time(r.FirstOpenTime)} → {PbmLines.Time(r.LastOpenTime)}"] : new[] { "rows: 0", "-" };
        if (s.Status is not { } st) return [s.Series, .. stored, s.EntityLive ? "entity: live" : "entity: -"];
        return
        [
            s.Series, .. stored, $"entity: {st.State ?? "live"}",
            st.LastCandle is { } c ? $"last: {PbmLines.Time(c.OpenTime)} close {PbmLines.Number(c.Close)}" : "last: -",
            $"window: {st.WindowFill}/{st.WindowSize}",
            $"forecast: {Forecast(st) ?? "-"}",
            $"model: {st.ModelVersion ?? "-"}",
            $"orders: {st.Orders}",
            $"position: {PbmLines.Number(st.PositionQuantity)}",
        ];
    }

    private static string? Forecast(SeriesStatusView s) =>
        s.LastPredictedReturn is { } ret
            ? $"ret {PbmLines.Signed(ret)} vol {PbmLines.Number(s.LastPredictedVolatility ?? double.NaN)}" +
              (s.LastPredictionOpenTime is { } t ? $" at {PbmLines.Time(t)}" : "")
            : null;
}
