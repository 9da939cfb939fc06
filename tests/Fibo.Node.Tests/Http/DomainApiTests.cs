using System.Globalization;
using System.Text.Json;
using Fibo.Node.Tests.Support;

namespace Fibo.Node.Tests.Http;

/// <summary>
/// The endpoints behind the dashboard's Preview, Training, Backtest and Audit tabs, on a real node whose candle store
/// holds the bundled XRP_ETH-5m and LTC_BTC-5m candles and whose registry holds a tiny trained model.
/// </summary>
public sealed class DomainApiTests(DomainApiTests.Node fixture) : IClassFixture<DomainApiTests.Node>
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
    private SampleNodeData Data => fixture.Data;

    [Fact]
    public async Task Series_list_shows_the_store_rows_and_the_live_entities_with_their_status()
    {
        await N.SeriesStatusAsync(SampleNodeData.OtherSeries); // wakes its entity
        var list = await N.GetJsonAsync("api/series");
        Assert.True(list.GetProperty("regionRunning").GetBoolean());
        var series = list.GetProperty("series").EnumerateArray().ToList();
        Assert.Equal([SampleNodeData.OtherSeries, SampleNodeData.Series], series.Select(s => s.GetProperty("series").GetString()));
        var xrp = series[1].GetProperty("stored");
        Assert.Equal(Data.Candles.Count, xrp.GetProperty("rows").GetInt64());
        Assert.Equal(Data.Candles[^1].OpenTime, xrp.GetProperty("lastOpenTime").GetInt64());
        Assert.Equal(Data.Candles[0].OpenTime, xrp.GetProperty("firstOpenTime").GetInt64());
        var ltc = series[0];
        Assert.True(ltc.GetProperty("entityLive").GetBoolean());
        Assert.Equal(SampleNodeData.OtherSeries, ltc.GetProperty("status").GetProperty("series").GetString());
        Assert.Equal("paper-1", ltc.GetProperty("status").GetProperty("account").GetString());
    }

    [Fact]
    public async Task Candles_are_the_last_ones_of_the_store_oldest_first()
    {
        var body = await N.GetJsonAsync($"api/series/{SampleNodeData.Series}/candles?limit=5");
        var candles = body.GetProperty("candles").EnumerateArray().ToList();
        Assert.Equal(5, candles.Count);
        var expected = Data.Candles.TakeLast(5).ToList();
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(expected[i].OpenTime, candles[i].GetProperty("openTime").GetInt64());
            Assert.Equal(expected[i].Close, candles[i].GetProperty("close").GetDouble());
        }
        Assert.EndsWith("Z", candles[^1].GetProperty("time").GetString());
    }

    [Theory]
    [InlineData("api/series/NOPE_BTC-5m/candles", 404)]
    [InlineData("api/series/NOPE_BTC-5m", 404)]
    [InlineData("api/series/garbage/candles", 400)]
    [InlineData("api/series/XRP_ETH-5m/candles?limit=0", 400)]
    [InlineData("api/models/no-such-version", 404)]
    public async Task Unknown_or_malformed_series_and_models_are_json_errors(string path, int expected)
    {
        var (status, body) = await N.SendAsync(HttpMethod.Get, path);
        Assert.Equal(expected, status);
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("error").GetString()));
    }

    [Fact]
    public async Task A_stored_series_shows_its_rows_and_its_entity_status()
    {
        var body = await N.GetJsonAsync($"api/series/{SampleNodeData.Series}");
        Assert.Equal(Data.Candles.Count, body.GetProperty("stored").GetProperty("rows").GetInt64());
        Assert.True(body.GetProperty("entityLive").GetBoolean() || body.GetProperty("status").ValueKind == JsonValueKind.Object);
        var status = body.GetProperty("status");
        Assert.Equal(SampleNodeData.Series, status.GetProperty("series").GetString());
        Assert.False(string.IsNullOrEmpty(status.GetProperty("state").GetString()));
        Assert.Equal(JsonValueKind.Null, body.GetProperty("statusError").ValueKind);
    }

    [Fact]
    public async Task Accounts_and_a_ledger_come_from_the_configuration_and_the_executor()
    {
        var accounts = await N.GetJsonAsync("api/accounts");
        var account = Assert.Single(accounts.EnumerateArray());
        Assert.Equal("paper-1", account.GetProperty("id").GetString());
        Assert.Equal("paper", account.GetProperty("broker").GetString());

        var ledger = await N.GetJsonAsync("api/ledger/paper-1");
        Assert.Equal("paper-1", ledger.GetProperty("account").GetString());
        Assert.Equal("Trading", ledger.GetProperty("executor").GetProperty("state").GetString());
        Assert.True(ledger.GetProperty("executor").GetProperty("paper").GetBoolean());
        Assert.Empty(ledger.GetProperty("orders").EnumerateArray());

        var (status, error) = await N.SendAsync(HttpMethod.Get, "api/ledger/no-such-account");
        Assert.Equal(404, status);
        Assert.Contains("paper-1", error.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Models_list_the_registry_with_meta_and_test_metrics()
    {
        var registry = await N.GetJsonAsync("api/models");
        var tiny = Assert.Single(registry.GetProperty("versions").EnumerateArray(), v => v.GetProperty("version").GetString() == SampleNodeData.ModelVersion);
        Assert.Equal("v2", tiny.GetProperty("featureSet").GetString());
        Assert.Equal(TinyV2Model.SeqLen, tiny.GetProperty("seqLen").GetInt32());
        Assert.Equal(SampleNodeData.Series, tiny.GetProperty("series").GetString());
        var metric = tiny.GetProperty("metrics")[0];
        Assert.True(metric.GetProperty("model").GetProperty("rmse").GetDouble() > 0);
        Assert.True(metric.GetProperty("zeroReturn").GetProperty("rmse").GetDouble() > 0);

        var detail = await N.GetJsonAsync($"api/models/{SampleNodeData.ModelVersion}");
        Assert.Equal(8, detail.GetProperty("meta").GetProperty("training").GetProperty("epochsRequested").GetInt32());
        Assert.NotEmpty(detail.GetProperty("meta").GetProperty("training").GetProperty("history").EnumerateArray());
    }

    [Fact]
    public async Task Backtest_runs_the_backtester_with_a_registry_model_over_the_stored_series()
    {
        var (status, body) = await N.SendAsync(HttpMethod.Post, "api/backtest",
            new { model = SampleNodeData.ModelVersion, series = SampleNodeData.Series, threshold = 0.0 });
        Assert.True(status == 200, body.ToString());
        var stats = body.GetProperty("statistics");
        Assert.Equal(Data.Candles.Count, stats.GetProperty("candles").GetInt32());
        Assert.True(stats.GetProperty("orders").GetInt32() > 0, "a zero threshold makes the tiny model trade");
        Assert.Equal(10_000m, stats.GetProperty("initialEquity").GetDecimal());
        Assert.Equal(64, stats.GetProperty("orderListHash").GetString()!.Length);
        Assert.Equal(stats.GetProperty("trades").GetInt32(), body.GetProperty("tradeCount").GetInt32());
        var equity = body.GetProperty("equity").EnumerateArray().ToList();
        Assert.InRange(equity.Count, 2, 600);
        Assert.Equal(stats.GetProperty("finalEquity").GetDecimal(), equity[^1].GetProperty("equity").GetDecimal());
        Assert.Equal(Data.Candles[0].OpenTime, equity[0].GetProperty("timeMs").GetInt64() - 300_000);
    }

    [Fact]
    public async Task Backtest_input_errors_are_400_or_404()
    {
        var (status, body) = await N.SendAsync(HttpMethod.Post, "api/backtest", new { model = SampleNodeData.ModelVersion, series = SampleNodeData.Series, feeBps = -1 });
        Assert.Equal(400, status);
        Assert.Contains("FeeBps", body.GetProperty("error").GetString());
        (status, _) = await N.SendAsync(HttpMethod.Post, "api/backtest", new { model = "nope", series = SampleNodeData.Series });
        Assert.Equal(404, status);
        (status, body) = await N.SendAsync(HttpMethod.Post, "api/backtest", new { model = SampleNodeData.ModelVersion });
        Assert.Equal(400, status);
        Assert.Contains("series", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Audit_reports_the_checks_with_the_seed_tags()
    {
        var (status, body) = await N.SendAsync(HttpMethod.Post, "api/audit",
            new { series = SampleNodeData.Series, set = "v2", seqLen = 8, horizon = 1, permutations = 3 });
        Assert.True(status == 200, body.ToString());
        Assert.False(body.GetProperty("leakFound").GetBoolean());
        var checks = body.GetProperty("checks").EnumerateArray().ToList();
        Assert.Contains(checks, c => c.GetProperty("name").GetString() == "exact_shift_matches" && c.GetProperty("tag").GetString() == "OK");
        Assert.Contains(checks, c => c.GetProperty("name").GetString() == "scaler_fit_rows");
        Assert.All(checks, c => Assert.Contains(c.GetProperty("tag").GetString(), new[] { "OK", "WARN", "N/A" }));

        (status, body) = await N.SendAsync(HttpMethod.Post, "api/audit", new { series = SampleNodeData.Series, set = "v9" });
        Assert.Equal(400, status);
        Assert.Contains("v9", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Training_runs_in_the_background_one_at_a_time_and_adds_a_version_with_a_loss_plot()
    {
        // A long run first: a second start is refused while it runs, and it can be cancelled.
        var (status, body) = await N.SendAsync(HttpMethod.Post, "api/training",
            new { series = SampleNodeData.Series, seqLen = 8, epochs = 500, patience = 500, hidden = 8, layers = 1, batchSize = 32 });
        Assert.True(status == 202, body.ToString());
        (status, body) = await N.SendAsync(HttpMethod.Post, "api/training", new { series = SampleNodeData.Series });
        Assert.Equal(409, status);
        Assert.Contains("still running", body.GetProperty("error").GetString());
        (status, _) = await N.SendAsync(HttpMethod.Post, "api/training/cancel");
        Assert.Equal(200, status);
        var cancelled = await WaitForTrainingAsync();
        Assert.Equal("cancelled", cancelled.GetProperty("state").GetString());

        (status, body) = await N.SendAsync(HttpMethod.Post, "api/training",
            new { series = SampleNodeData.Series, seqLen = 8, epochs = 3, hidden = 8, layers = 1, batchSize = 32, learningRate = 0.01, name = "api-test" });
        Assert.True(status == 202, body.ToString());
        var job = await WaitForTrainingAsync();
        Assert.True(job.GetProperty("state").GetString() == "succeeded", job.ToString());
        Assert.Equal(3, job.GetProperty("epochs").GetArrayLength());
        var version = job.GetProperty("version").GetString()!;
        Assert.StartsWith("api-test.", version);

        var registry = await N.GetJsonAsync("api/models");
        var trained = Assert.Single(registry.GetProperty("versions").EnumerateArray(), v => v.GetProperty("version").GetString() == version);
        Assert.True(trained.GetProperty("hasLossPlot").GetBoolean());
        using var png = await N.Http.GetAsync($"api/models/{version}/loss.png");
        Assert.Equal("image/png", png.Content.Headers.ContentType?.MediaType);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, (await png.Content.ReadAsByteArrayAsync())[..4]);

        (status, body) = await N.SendAsync(HttpMethod.Post, "api/training", new { series = SampleNodeData.Series, epochs = 0 });
        Assert.Equal(400, status);
        Assert.Contains("epochs", body.GetProperty("error").GetString());
    }

    private async Task<JsonElement> WaitForTrainingAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var job = (await N.GetJsonAsync("api/training")).GetProperty("job");
            if (job.GetProperty("finishedAt").ValueKind != JsonValueKind.Null) return job;
            if (DateTime.UtcNow > deadline) throw new TimeoutException(job.ToString());
            await Task.Delay(100);
        }
    }
}
