using System.CommandLine;
using Fibo.Actors.Domain;
using Fibo.Actors.Infrastructure.Kafka;
using Fibo.Messages.MarketData;
using Fibo.Messages.Primitives;
using Spectre.Console;

namespace Fibo.Node.Cli.Node;

/// <summary>The history options shared by <c>fibo run</c> and <c>fibo replay</c>, and the publishing with progress.</summary>
internal sealed class ReplayOptions(string filesOption)
{
    public readonly Option<string[]> Files = new(filesOption)
    {
        Description = "Candle file(s) to publish (freqtrade CSV/JSON, e.g. data/sample/ETH_BTC-5m.csv); repeat the option for several",

    };
    public readonly Option<string?> Db = new("--db") { Description = "Candle store to publish (a SQLite file or a PostgreSQL connection string)" };
    public readonly Option<string[]> Series = new("--series") { Description = "Only these series (e.g. ETH_BTC-5m); repeat the option for several" };
    public readonly Option<double> Speed = new("--speed")
    {
        Description = "Time factor: 60 replays an hour of candles in a minute; 0 publishes as fast as Kafka takes them",
        DefaultValueFactory = _ => 0,
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Files);
        command.Options.Add(Db);
        command.Options.Add(Series);
        command.Options.Add(Speed);
    }

    public bool Requested(ParseResult parse) => (parse.GetValue(Files)?.Length ?? 0) > 0 || !string.IsNullOrWhiteSpace(parse.GetValue(Db));

    public async Task<IReadOnlyList<KeyedCandle>> LoadMarketAsync(ParseResult parse, CancellationToken ct)
    {
        var only = new List<SeriesKey>();
        foreach (var text in parse.GetValue(Series) ?? [])
            only.Add(SeriesKey.TryParse(text, out var key, out var error) ? key : throw new InputException($"--series: {error}"));
        var series = await HistoryReplay.LoadAsync(parse.GetValue(Files) ?? [], parse.GetValue(Db), only, ct);
        return HistoryReplay.Market(series);
    }

    /// <summary>Publishes with a progress bar on stderr (or a closing line when stderr is not a terminal).</summary>
    public static async Task<long> PublishAsync(string bootstrapServers, string topic, IReadOnlyList<KeyedCandle> market, double speed, CancellationToken ct)
    {
        using var producer = new CandleKafkaProducer(bootstrapServers, topic);
        var series = market.Select(c => c.Series).Distinct().Count();
        var sw = System.Diagnostics.Stopwatch.StartNew();
        long published;
        if (!CliConsole.Error.Profile.Capabilities.Interactive)
            published = await HistoryReplay.PublishAsync(producer, market, speed, null, ct);
        else
            published = await CliConsole.Error.Progress().AutoClear(true).StartAsync(async ctx =>
            {
                var task = ctx.AddTask($"replaying {series} series into {topic}", maxValue: market.Count);
                var progress = new Progress<ReplayProgress>(p =>
                {
                    task.Value = p.Published;
                    task.Description = $"replaying {series} series: {p.CandlesPerSecond:N0} candles/s, at {DateTimeOffset.FromUnixTimeMilliseconds(p.CurrentOpenTime):yyyy-MM-dd HH:mm}";
                });
                return await HistoryReplay.PublishAsync(producer, market, speed, progress, ct);
            });
        CliConsole.Error.MarkupLineInterpolated($"published [bold]{published:N0}[/] candles of {series} series to {topic} in {sw.Elapsed.TotalSeconds:0.0} s");
        return published;
    }
}
