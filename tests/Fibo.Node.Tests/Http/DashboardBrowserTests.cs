using System.Globalization;
using Fibo.Node.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Fibo.Node.Tests.Http;

/// <summary>
/// The dashboard in a real browser (Debian's Chromium driven by Playwright) against a real node whose store holds the
/// sample candles and whose registry holds a tiny model: every tab is opened and shows data that can only come from
/// the node (the store's last close, the registry's versions, a backtest's statistics, the audit's checks); a
/// training run is started from the page and its new version appears. Screenshots go to the test output folder.
/// </summary>
public sealed class DashboardBrowserTests(DashboardBrowserTests.Node fixture, ITestOutputHelper output) : IClassFixture<DashboardBrowserTests.Node>
{
    public sealed class Node : IAsyncLifetime
    {
        public SampleNodeData Data { get; } = new();
        public TestNode Host { get; private set; } = null!;

        public async Task InitializeAsync() => Host = await TestNode.StartAsync(folder: Data.Folder);

        public async Task DisposeAsync()
        {
            await Host.DisposeAsync();
            Data.Dispose();
        }
    }

    private TestNode N => fixture.Host;

    [Fact]
    public async Task Every_tab_shows_real_node_data_and_a_training_started_from_the_page_adds_a_version()
    {
        await using var session = await BrowserSession.OpenAsync();
        var page = session.Page;
        var problems = session.Problems;

        // Preview (the default tab): the store's series and the newest candle first, with the DB's last close.
        await page.GotoAsync(N.BaseUrl + "/");
        await Expect(page.Locator("#preview-series tbody tr")).ToHaveCountAsync(2);
        await Expect(page.Locator("#preview-series")).ToContainTextAsync(SampleNodeData.OtherSeries);
        await page.Locator("#preview-series tbody tr", new() { HasText = SampleNodeData.Series }).ClickAsync();
        await Expect(page.Locator("#preview-title")).ToContainTextAsync(SampleNodeData.Series);
        var last = fixture.Data.Candles[^1];
        var newest = page.Locator("#preview-candles tbody tr").First;
        await Expect(newest.Locator("td").First).ToHaveTextAsync(Utc(last.OpenTime));
        Assert.Equal(last.Close, double.Parse(await newest.Locator("td").Nth(4).InnerTextAsync(), CultureInfo.InvariantCulture));
        Assert.Equal(200, await page.Locator("#preview-candles tbody tr").CountAsync());
        Assert.True(await CanvasHasDrawingAsync(page, "#preview-chart"), "the price chart is drawn");
        await ScreenshotAsync(page, "preview");

        // Training: the registry lists the tiny model; its details show the test metrics; a run started here succeeds.
        await page.ClickAsync("nav button[data-tab=training]");
        var tiny = page.Locator("#models-table tbody tr", new() { HasText = SampleNodeData.ModelVersion });
        await Expect(tiny).ToContainTextAsync(SampleNodeData.Series);
        await tiny.ClickAsync();
        await Expect(page.Locator("#model-metrics tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("#model-detail-hint")).ToContainTextAsync($"{fixture.Data.Candles.Count} candles");
        await page.SelectOptionAsync("#train-form [name=series]", SampleNodeData.Series);
        foreach (var (field, value) in new[] { ("seqLen", "8"), ("epochs", "2"), ("hidden", "8"), ("layers", "1"), ("batchSize", "32"), ("name", "ui-run") })
            await page.FillAsync($"#train-form [name={field}]", value);
        await page.ClickAsync("#train-form button[type=submit]");
        await Expect(page.Locator("#training-state")).ToContainTextAsync("succeeded", new() { Timeout = 60_000 });
        await Expect(page.Locator("#models-table tbody tr", new() { HasText = "ui-run." })).ToHaveCountAsync(1);
        Assert.True(await CanvasHasDrawingAsync(page, "#training-chart"), "the run's loss chart is drawn");
        await ScreenshotAsync(page, "training");

        // Backtest: the tiny model over its series with a zero threshold trades, with statistics and an equity curve.
        await page.ClickAsync("nav button[data-tab=backtest]");
        await page.SelectOptionAsync("#backtest-form [name=model]", SampleNodeData.ModelVersion);
        await page.SelectOptionAsync("#backtest-form [name=series]", SampleNodeData.Series);
        await page.FillAsync("#backtest-form [name=threshold]", "0");
        await page.ClickAsync("#backtest-form button[type=submit]");
        await Expect(page.Locator("#backtest-state")).ToContainTextAsync($"{fixture.Data.Candles.Count} candles", new() { Timeout = 30_000 });
        foreach (var stat in new[] { "Total PnL", "Sharpe (annualized)", "Max drawdown", "Win rate", "Fees paid" })
            await Expect(page.Locator($"#backtest-stats tr[data-stat='{stat}']")).ToHaveCountAsync(1);
        Assert.True(await page.Locator("#backtest-trades tbody tr").CountAsync() > 0);
        Assert.True(await CanvasHasDrawingAsync(page, "#backtest-chart"), "the equity curve is drawn");
        await ScreenshotAsync(page, "backtest");

        // Status: this node as the cluster's only member, the stored series, and paper-1's executor.
        await page.ClickAsync("nav button[data-tab=status]");
        await Expect(page.Locator("#status-members tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("#status-members")).ToContainTextAsync(N.AkkaAddress);
        await Expect(page.Locator("#status-members")).ToContainTextAsync("leader, oldest, self");
        var xrp = page.Locator("#status-series tbody tr", new() { HasText = SampleNodeData.Series });
        await Expect(xrp.Locator("td").Nth(1)).ToHaveTextAsync(fixture.Data.Candles.Count.ToString(CultureInfo.InvariantCulture));
        await Expect(page.Locator("#status-updated")).ToContainTextAsync("Last update");
        await Expect(page.Locator("#ledger-summary tr[data-item=Executor]")).ToContainTextAsync("Trading");
        await ScreenshotAsync(page, "status");

        // Audit: the checks with the seed's tags, then a request the server refuses shows its error in the page.
        await page.ClickAsync("nav button[data-tab=audit]");
        await page.SelectOptionAsync("#audit-form [name=series]", SampleNodeData.Series);
        await page.FillAsync("#audit-form [name=seqLen]", "8");
        await page.FillAsync("#audit-form [name=permutations]", "3");
        await page.ClickAsync("#audit-form button[type=submit]");
        await Expect(page.Locator("#audit-verdict")).ToContainTextAsync("no leak found", new() { Timeout = 30_000 });
        await Expect(page.Locator("#audit-checks tr[data-check=exact_shift_matches] .tag")).ToHaveTextAsync("OK");
        Assert.True(await page.Locator("#audit-checks tbody tr").CountAsync() >= 10);
        await ScreenshotAsync(page, "audit");

        await page.FillAsync("#audit-form [name=horizon]", "100000");
        await page.ClickAsync("#audit-form button[type=submit]");
        var error = page.Locator("#tab-audit > .error");
        await Expect(error).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(error).ToContainTextAsync("400");

        Assert.True(problems.Count == 0, "browser errors:\n" + string.Join("\n", problems));
        await Expect(page.Locator("#global-error")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task A_node_that_stops_answering_shows_an_error_not_a_blank_page()
    {
        await using var session = await BrowserSession.OpenAsync();
        var page = session.Page;
        await page.GotoAsync(N.BaseUrl + "/#preview");
        await Expect(page.Locator("#preview-series tbody tr")).ToHaveCountAsync(2);
        // The API now fails for every request: the tab keeps its layout and says what went wrong.
        await page.RouteAsync("**/api/**", route => route.AbortAsync());
        await page.ClickAsync("[data-action=refresh-preview]");
        var error = page.Locator("#tab-preview > .error");
        await Expect(error).ToBeVisibleAsync();
        await Expect(error).ToContainTextAsync("did not answer /api/series");
        await Expect(page.Locator("nav button")).ToHaveCountAsync(5);
    }

    private Task ScreenshotAsync(IPage page, string tab) => BrowserSession.ScreenshotAsync(page, tab, output);

    private static Task<bool> CanvasHasDrawingAsync(IPage page, string selector) => BrowserSession.CanvasHasDrawingAsync(page, selector);

    private static string Utc(long ms) =>
        DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
