using System.CommandLine;
using Fibo.Actors.Domain;
using Fibo.Actors.Infrastructure.Binance;
using Fibo.Actors.Infrastructure.Binance.MarketData;
using Fibo.Actors.Infrastructure.Binance.Rest;
using Fibo.Actors.Infrastructure.MarketData;
using Spectre.Console;

namespace Fibo.Node.Cli.Data;

/// <summary>
/// <c>fibo data download --series KEY --from DATE --to DATE --db DB [--base-url URL]</c>: Binance REST klines into the
/// candle store (upsert), 1000 per request within the request-weight limit, resumable where the last run stopped.
/// </summary>
internal static class DataDownloadCommand
{
    public static Command Create()
    {
        var db = DataCli.Db();
        var series = DataCli.Series();
        var from = new Option<string>("--from") { Description = "First candle open time (ISO-8601 date or UTC ms), inclusive", Required = true };
        var to = new Option<string?>("--to") { Description = "Last candle open time (ISO-8601 date or UTC ms), inclusive (default: now)" };
        var baseUrl = new Option<string>("--base-url")
        {
            Description = $"Binance REST base URL: {BinanceOptions.ProductionRestUrl} (default), {BinanceOptions.TestnetRestUrl} (spot testnet) or a local simulator",
            DefaultValueFactory = _ => BinanceOptions.ProductionRestUrl,
        };
        var command = new Command("download", "Download candles from Binance REST klines into the store (resumes after the last stored candle)");
        command.Options.Add(series);
        command.Options.Add(from);
        command.Options.Add(to);
        command.Options.Add(db);
        command.Options.Add(baseUrl);

        CliAction.Set(command, async (parse, ct) =>
        {
            bool json = parse.GetValue(CliOptions.Json);
            var key = DataCli.ParseSeries(parse.GetValue(series)!);
            long fromMs = DataCli.ParseTime(parse.GetValue(from)!, "--from");
            long toMs = parse.GetValue(to) is { } t ? DataCli.ParseTime(t, "--to") : DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var options = new BinanceOptions { RestBaseUrl = parse.GetValue(baseUrl)! }.Validate();

            await using var store = CandleStores.Open(parse.GetValue(db)!);
            using var http = new BinanceHttp(options);
            var market = new BinanceMarketData(http);
            HistoryDownloadReport report;
            try
            {
                report = DataCli.ShowProgress && !json
                    ? await WithProgress(market, store, key, fromMs, toMs, ct)
                    : await BinanceHistoryDownloader.DownloadAsync(market, store, key, fromMs, toMs, null, ct);
            }
            catch (BinanceApiException e) when (e.Code is BinanceErrorCodes.BadSymbol or BinanceErrorCodes.BadInterval)
            {
                throw new InputException($"{options.RestBaseUrl} does not serve {key} ({e.BinanceMessage}): check the symbol ({key.Symbol.Exchange}) and interval ({key.Timeframe.Code})");
            }
            catch (BinanceUnknownOutcomeException e)
            {
                throw new InputException($"{options.RestBaseUrl} did not answer ({e.Reason}); check --base-url and the network, then run the same command again to resume");
            }

            if (json)
            {
                CliConsole.WriteJson(new
                {
                    series = report.Series.ToString(),
                    store = store.Describe,
                    baseUrl = options.RestBaseUrl,
                    from = DataCli.Iso(report.From),
                    to = DataCli.Iso(report.To),
                    resumedAt = report.ResumedAt is { } r ? DataCli.Iso(r) : null,
                    written = report.Written,
                    requests = report.Requests,
                    first = DataCli.Iso(report.FirstOpenTime),
                    last = DataCli.Iso(report.LastOpenTime),
                    missing = report.Missing,
                    upToDate = report.UpToDate,
                    usedWeight = http.Weight.Used,
                });
            }
            else
            {
                if (report.ResumedAt is { } r) CliConsole.Out.MarkupLineInterpolated($"[grey]resumed at {DataCli.Iso(r)} (the newest stored candle of the range)[/]");
                CliConsole.Out.MarkupLineInterpolated(
                    $"[green]{report.Written:N0}[/] candle(s) of {key} written to {store.Describe} in {report.Requests} request(s): {DataCli.Iso(report.FirstOpenTime)} .. {DataCli.Iso(report.LastOpenTime)}");
                if (report.Missing > 0) CliConsole.Out.MarkupLineInterpolated($"[yellow]{report.Missing:N0} candle(s) of the range do not exist at the exchange (its gaps)[/]");
                if (!report.UpToDate) CliConsole.Out.MarkupLineInterpolated($"[grey]the exchange has no closed candles after {DataCli.Iso(report.LastOpenTime)} yet[/]");
            }
            return 0;
        });
        return command;
    }

    private static async Task<HistoryDownloadReport> WithProgress(BinanceMarketData market, ICandleStore store, Fibo.Messages.Primitives.SeriesKey key,
        long from, long to, CancellationToken ct)
    {
        HistoryDownloadReport? report = null;
        await CliConsole.Error.Progress().AutoClear(true).StartAsync(async ctx =>
        {
            var task = ctx.AddTask($"download {key}", maxValue: 1);
            var progress = new Progress(p => { task.MaxValue = Math.Max(1, p.Total); task.Value = p.Done; });
            report = await BinanceHistoryDownloader.DownloadAsync(market, store, key, from, to, progress, ct);
            task.Value = task.MaxValue;
        });
        return report!;
    }

    private sealed class Progress(Action<HistoryDownloadProgress> report) : IProgress<HistoryDownloadProgress>
    {
        public void Report(HistoryDownloadProgress value) => report(value);
    }
}
