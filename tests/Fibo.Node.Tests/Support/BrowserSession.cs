using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Fibo.Node.Tests.Support;

/// <summary>
/// Debian's Chromium driven by Playwright (never a downloaded browser): the driver, the browser and one page, closed
/// together. <see cref="Problems"/> collects script errors of the page.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private BrowserSession(IPlaywright playwright, IBrowser browser, IPage page)
    {
        _playwright = playwright;
        _browser = browser;
        Page = page;
    }

    public IPage Page { get; }

    public List<string> Problems { get; } = [];

    /// <summary>Starts headless Chromium; fails (never skips) when it is not installed.</summary>
    public static async Task<BrowserSession> OpenAsync()
    {
        if (!File.Exists(ChromiumPath))
            Assert.Fail($"{ChromiumPath} is missing: run ./test.sh (it installs Debian's chromium) or apt-get install chromium");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync"],
        });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1440, Height = 1000 } });
        var session = new BrowserSession(playwright, browser, page);
        page.PageError += (_, e) => session.Problems.Add($"page error: {e}");
        // Script errors only: the browser also logs every 4xx answer, which the page handles and shows itself.
        page.Console += (_, m) =>
        {
            if (m.Type == "error" && !m.Text.StartsWith("Failed to load resource", StringComparison.Ordinal)) session.Problems.Add($"console: {m.Text}");
        };
        return session;
    }

    /// <summary>A full-page PNG in the test output folder (<c>screenshots/dashboard-NAME.png</c>), its path logged.</summary>
    public static async Task ScreenshotAsync(IPage page, string name, ITestOutputHelper output)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"dashboard-{name}.png");
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        output.WriteLine($"screenshot: {path}");
    }

    /// <summary>True when the canvas has non-white pixels (something was drawn on it).</summary>
    public static Task<bool> CanvasHasDrawingAsync(IPage page, string selector) =>
        page.EvalOnSelectorAsync<bool>(selector, """
            c => {
              const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
              let ink = 0;
              for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 0 && (d[i] < 200 || d[i + 1] < 200 || d[i + 2] < 200)) ink++;
              return ink > 200;
            }
            """);

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
