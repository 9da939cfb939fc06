using System.CommandLine;
using Fibo.Actors.Domain;
using Fibo.Actors.Infrastructure.Binance;
using Fibo.Actors.Infrastructure.Binance.Simulator;
using Fibo.Actors.Infrastructure.Binance.Streams;
using Fibo.Messages.MarketData;
using Fibo.Messages.Primitives;
using Fibo.Node.Cli.Data;
using Spectre.Console;

namespace Fibo.Node.Cli;

/// <summary>
/// <c>fibo exchange-sim --data FILE.csv | --synthetic [--series KEY]... [--port N] [--speed X]</c>: a local Binance spot
/// exchange on 127.0.0.1 replaying candles (REST klines, the kline WebSocket, signed orders with a matching engine,
/// fault injection over <c>/admin</c>) until Ctrl+C. stdout's first line is the REST base URL and its second the stream
/// base URL, so scripts can capture them; details go to stderr.
/// </summary>
internal static class ExchangeSimCommand
{
    private const string DefaultKey = ExchangeSimulatorOptions.DefaultApiKey;
    private const string DefaultSecret = ExchangeSimulatorOptions.DefaultApiSecret;

    public static Command Create()
    {
        var data = new Option<string[]>("--data") { Description = "Candle files to replay (freqtrade CSV/JSON; series from the file name, e.g. ETH_BTC-5m.csv)", AllowMultipleArgumentsPerToken = true };
        var synthetic = new Option<bool>("--synthetic") { Description = "Replay seeded synthetic candles (GBM + GARCH + regimes) instead of files" };
        var series = new Option<string[]>("--series") { Description = "Series for --synthetic (repeatable; default ETH_BTC-5m)", AllowMultipleArgumentsPerToken = true };
        var count = new Option<int>("--count") { Description = "Synthetic candles per series", DefaultValueFactory = _ => 10_000 };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the synthetic market", DefaultValueFactory = _ => 42 };
        var port = new Option<int>("--port") { Description = "Port on 127.0.0.1 (0 = any free port)", DefaultValueFactory = _ => 0 };
        var speed = new Option<double>("--speed") { Description = "Replay speed: 1 = real time, 60 = a 1m candle per second, 0 = frozen (start it later with POST /admin/replay)", DefaultValueFactory = _ => 1 };
        var history = new Option<int>("--history") { Description = "Candles per series already closed at start (REST history)", DefaultValueFactory = _ => 500 };
        var weight = new Option<int>("--weight-limit") { Description = "Request weight allowed per minute (Binance: 6000)", DefaultValueFactory = _ => 6000 };

        var command = new Command("exchange-sim", "Run a local Binance spot exchange simulator (REST, kline WebSocket, signed orders) until Ctrl+C; prints its URLs");
        foreach (var o in new Option[] { data, synthetic, series, count, seed, port, speed, history, weight }) command.Options.Add(o);

        CliAction.Set(command, async (parse, ct) =>
        {
            var files = parse.GetValue(data) ?? [];
            bool synth = parse.GetValue(synthetic);
            if (files.Length == 0 && !synth) throw new InputException("give candle files with --data FILE.csv, or --synthetic for generated candles");
            if (files.Length > 0 && synth) throw new InputException("--data and --synthetic exclude each other: pick one source of candles");
            int portValue = parse.GetValue(port);
            if (portValue is < 0 or > 65535) throw new InputException($"--port {portValue}: use 0 (any free port) or 1-65535");
            int historyValue = parse.GetValue(history);

            IReadOnlyDictionary<SeriesKey, IReadOnlyList<Candle>> candles;
            if (synth)
            {
                var keys = (parse.GetValue(series) is { Length: > 0 } s ? s : ["ETH_BTC-5m"]).Select(DataCli.ParseSeries).ToList();
                int n = parse.GetValue(count);
                if (n < 1) throw new InputException($"--count {n}: give at least one candle per series");
                // End the history at the present so a real-time replay looks live.
                long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                var tf = keys.MaxBy(k => k.Timeframe.Milliseconds).Timeframe;
                long start = tf.Floor(now) - Math.Min(historyValue, n) * tf.Milliseconds;
                candles = ExchangeSimulatorOptions.Synthetic(keys, n, parse.GetValue(seed), start);
            }
            else
            {
                foreach (var f in files)
                    if (!File.Exists(f)) throw new InputException($"--data {f}: no such file");
                candles = ExchangeSimulatorOptions.FromFiles(files);
            }

            var credentials = BinanceCredentials.FromEnvironment();
            var options = new ExchangeSimulatorOptions
            {
                Data = candles,
                Speed = parse.GetValue(speed),
                HistoryCandles = historyValue,
                Port = portValue,
                RequestWeightLimit = parse.GetValue(weight),
                Credentials = credentials ?? new BinanceCredentials(DefaultKey, DefaultSecret),
            };
            await using var sim = await ExchangeSimulatorHost.StartAsync(options, Serilog.Log.Logger, ct);

            var streams = candles.Keys.Select(KlineStreams.Name).ToList();
            if (parse.GetValue(CliOptions.Json))
            {
                CliConsole.WriteJson(new
                {
                    restBaseUrl = sim.RestBaseUrl,
                    streamBaseUrl = sim.StreamBaseUrl,
                    combinedStream = KlineStreams.CombinedUrl(sim.StreamBaseUrl, candles.Keys.ToList()).ToString(),
                    series = candles.Keys.Select(k => new { key = k.ToString(), candles = candles[k].Count, stream = KlineStreams.Name(k) }),
                    speed = options.Speed,
                    history = historyValue,
                    apiKeyFrom = credentials is null ? "built-in simulator key" : BinanceCredentials.ApiKeyVariable,
                });
            }
            else
            {
                Console.Out.WriteLine(sim.RestBaseUrl);
                Console.Out.WriteLine(sim.StreamBaseUrl);
                var err = CliConsole.Error;
                err.MarkupLineInterpolated($"[green]Binance exchange simulator[/] replaying {candles.Count} series at {options.Speed}× real time ({historyValue} candles of history each)");
                err.MarkupLineInterpolated($"  REST     {sim.RestBaseUrl}/api/v3/klines?symbol={candles.Keys.First().Symbol.Exchange}&interval={candles.Keys.First().Timeframe.Code}");
                err.MarkupLineInterpolated($"  streams  {KlineStreams.CombinedUrl(sim.StreamBaseUrl, candles.Keys.ToList())}");
                err.MarkupLineInterpolated($"  admin    POST {sim.RestBaseUrl}/admin/faults, POST /admin/streams/disconnect, POST /admin/replay, GET /admin/state");
                err.MarkupLineInterpolated($"  point Fibo at it: Fibo__Binance__RestBaseUrl={sim.RestBaseUrl} Fibo__Binance__StreamBaseUrl={sim.StreamBaseUrl}");
                if (credentials is null)
                    err.MarkupLineInterpolated($"  orders: export {BinanceCredentials.ApiKeyVariable}={DefaultKey} {BinanceCredentials.ApiSecretVariable}={DefaultSecret} (the simulator's built-in test key)");
                else
                    err.MarkupLineInterpolated($"  orders: signed with the key in {BinanceCredentials.ApiKeyVariable}");
                err.MarkupLine("Press Ctrl+C to stop.");
            }
            Console.Out.Flush();
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C is how this verb ends.
            }
            CliConsole.Error.MarkupLine("Exchange simulator stopped.");
            return 0;
        });
        return command;
    }
}
