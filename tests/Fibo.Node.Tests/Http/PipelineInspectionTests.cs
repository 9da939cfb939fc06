using System.Text.Json;
using Fibo.Actors.Infrastructure.Backtesting;
using Fibo.Actors.Infrastructure.Kafka;
using Fibo.Actors.Infrastructure.Models;
using Fibo.Messages.MarketData;
using Fibo.Messages.Primitives;
using Fibo.Node.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Fibo.Node.Tests.Http;

/// <summary>
/// Inspection of a node that has traded: a <see cref="Fibo.Node.NodeHost"/> node with a promoted tiny model consumes the
/// bundled XRP_ETH-5m candles replayed into its embedded Kafka (threshold 0, so it trades), then the API, the CLI verbs
/// and the dashboard's Status tab show its live series entity, the order-executor entity and paper-1's ledger.
/// </summary>
public sealed class PipelineInspectionTests(PipelineInspectionTests.Node fixture, ITestOutputHelper output) : IClassFixture<PipelineInspectionTests.Node>
{
    public const string Series = "XRP_ETH-5m";

    public sealed class Node : IAsyncLifetime
    {
        private readonly TempFolder _folder = new("fibo-pipeline-node");

        public TestNode Host { get; private set; } = null!;
        public IReadOnlyList<Candle> Candles { get; private set; } = [];

        public async Task InitializeAsync()
        {
            var (key, candles) = BacktestInput.Load(TempFolder.RepoFile($"data/sample/{Series}.csv"));
            Candles = candles;
            var registry = new ModelRegistry(_folder.File("models"));
            TinyV2Model.TrainAndSave(candles, registry.PathOf("tiny-v2"));
            registry.Promote("tiny-v2");
            Host = await TestNode.StartAsync(o => o.Trading.Threshold = 0, folder: _folder.Path);

            var kafka = Host.Services.GetRequiredService<KafkaEndpoint>();
            using (var producer = new CandleKafkaProducer(kafka.BootstrapServers, Host.Options.Kafka.Topic))
                await HistoryReplay.PublishAsync(producer, HistoryReplay.Market([(key, candles)]), speed: 0, null, CancellationToken.None);

            var last = candles[^1].OpenTime;
            var deadline = DateTime.UtcNow.AddSeconds(90);
            SeriesStatus status;
            while ((status = await Host.SeriesStatusAsync(Series)).LastCandle?.OpenTime != last || status.PendingDecisions != 0)
            {
                if (DateTime.UtcNow > deadline)
                    throw new TimeoutException($"{Series}: last {status.LastCandle?.OpenTime} (want {last}), processed {status.CandlesProcessed}, pending {status.PendingDecisions}, state {status.State}");
                await Task.Delay(200);
            }
        }

        public async Task DisposeAsync()
        {
            await Host.DisposeAsync();
            _folder.Dispose();
        }
    }

    private TestNode N => fixture.Host;

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [Fact]
    public async Task The_api_shows_the_live_entity_and_the_ledger_it_traded_into()
    {
        var list = await N.GetJsonAsync("api/series");
        var xrp = Assert.Single(list.GetProperty("series").EnumerateArray(), s => s.GetProperty("series").GetString() == Series);
        Assert.True(xrp.GetProperty("entityLive").GetBoolean());
        Assert.Equal(fixture.Candles.Count, xrp.GetProperty("stored").GetProperty("rows").GetInt64());
        var status = xrp.GetProperty("status");
        Assert.Equal("tiny-v2", status.GetProperty("modelVersion").GetString());
        Assert.Equal(fixture.Candles[^1].Close, status.GetProperty("lastCandle").GetProperty("close").GetDouble());
        Assert.True(status.GetProperty("predictions").GetInt64() > 0);
        var orders = status.GetProperty("orders").GetInt64();
        Assert.True(orders > 0, "a zero threshold makes the tiny model trade");

        var ledger = await N.GetJsonAsync("api/ledger/paper-1");
        Assert.Equal(orders, ledger.GetProperty("orders").GetArrayLength());
        Assert.All(ledger.GetProperty("orders").EnumerateArray(), o => Assert.Equal(Series, o.GetProperty("series").GetString()));
        Assert.Contains(ledger.GetProperty("cash").EnumerateArray(), c => c.GetProperty("asset").GetString() == "ETH");
        var equity = Assert.Single(ledger.GetProperty("equity").EnumerateArray());
        Assert.Equal("ETH", equity.GetProperty("asset").GetString());
        // The entity's position is the one the executor reported: the ledger's.
        var position = ledger.GetProperty("positions").EnumerateArray().FirstOrDefault(p => p.GetProperty("series").GetString() == Series);
        var ledgerQuantity = position.ValueKind == JsonValueKind.Object ? position.GetProperty("quantity").GetDecimal() : 0m;
        Assert.Equal(ledgerQuantity, status.GetProperty("positionQuantity").GetDecimal());
    }

    [Fact]
    public async Task The_cli_shows_the_series_the_ledger_the_orders_and_both_regions()
    {
        var ledger = await N.GetJsonAsync("api/ledger/paper-1");
        var show = await FiboProcess.RunAsync(N.HttpAddress, "series", "show", "-s", Series);
        Assert.True(show.ExitCode == 0, show.ToString());
        var lines = Lines(show.StdOut);
        Assert.Contains("model | tiny-v2", lines);
        Assert.Contains("entity | live", lines);
        Assert.Contains(lines, l => l.StartsWith($"decisions | ") && l.Contains($"| orders {ledger.GetProperty("orders").GetArrayLength()} |"));

        var ledgerShow = await FiboProcess.RunAsync(N.HttpAddress, "ledger", "show", "-a", "paper-1");
        Assert.True(ledgerShow.ExitCode == 0, ledgerShow.ToString());
        var ledgerLines = Lines(ledgerShow.StdOut);
        Assert.Contains("account | paper-1", ledgerLines);
        Assert.Contains(ledgerLines, l => l.StartsWith("executor | Trading | paper (paper) | journal #"));
        Assert.Contains(ledgerLines, l => l.StartsWith("equity | ETH | "));
        Assert.Contains(ledgerLines, l => l.StartsWith($"orders | {ledger.GetProperty("orders").GetArrayLength()} | open: "));

        var orders = await FiboProcess.RunAsync(N.HttpAddress, "orders", "list", "-a", "paper-1");
        Assert.True(orders.ExitCode == 0, orders.ToString());
        var orderLines = Lines(orders.StdOut);
        var expected = ledger.GetProperty("orders").EnumerateArray().ToList();
        Assert.Equal(expected.Count, orderLines.Length);
        for (var i = 0; i < expected.Count; i++)
        {
            var columns = orderLines[i].Split(" | ");
            Assert.Equal(expected[i].GetProperty("clientOrderId").GetString(), columns[0]);
            Assert.Equal(Series, columns[1]);
            Assert.Equal(expected[i].GetProperty("status").GetString()!.ToLowerInvariant(), columns[4]);
        }

        foreach (var type in new[] { "candle-series", "order-executor" })
        {
            var stats = await FiboProcess.RunAsync(N.HttpAddress, "cluster-sharding", "region-stats", "-r", type);
            Assert.True(stats.ExitCode == 0, stats.ToString());
            Assert.EndsWith("| up | leader | shards: 1 | entities: 1", Assert.Single(Lines(stats.StdOut)));
        }

        var actors = await FiboProcess.RunAsync(N.HttpAddress, "actor", "hierarchy", "-s", "/user", "-d", "1");
        Assert.True(actors.ExitCode == 0, actors.ToString());
        foreach (var name in new[] { "candle-writer", "predictor", "candle-ingest" })
            Assert.Contains($"  /user/{name}", actors.StdOut.Split('\n'));

        var unknown = await FiboProcess.RunAsync(N.HttpAddress, "ledger", "show", "-a", "nobody");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("answered 404", unknown.StdErr);
        Assert.Contains("paper-1", unknown.StdErr);
    }

    [Fact]
    public async Task The_status_tab_shows_the_running_entity_and_the_ledger()
    {
        var ledger = await N.GetJsonAsync("api/ledger/paper-1");
        await using var session = await BrowserSession.OpenAsync();
        var page = session.Page;
        await page.GotoAsync(N.BaseUrl + "/#status");
        var row = page.Locator("#status-series tr[data-series='" + Series + "']");
        await Expect(row.Locator("td").Nth(3)).ToHaveTextAsync("running");
        await Expect(row).ToContainTextAsync("tiny-v2");
        await Expect(row.Locator("td").Nth(12)).ToHaveTextAsync("paper-1");
        await Expect(page.Locator("#ledger-orders tbody tr")).ToHaveCountAsync(Math.Min(200, ledger.GetProperty("orders").GetArrayLength()));
        await Expect(page.Locator("#ledger-summary tr[data-item=Executor]")).ToContainTextAsync("Trading");
        await Expect(page.Locator("#ledger-cash")).ToContainTextAsync("ETH");
        await BrowserSession.ScreenshotAsync(page, "status-live", output);
        Assert.True(session.Problems.Count == 0, "browser errors:\n" + string.Join("\n", session.Problems));
    }
}
