using Fibo.Actors.Domain;
using Fibo.Actors.Infrastructure.Models;
using Fibo.Actors.Tests.Support;

namespace Fibo.Actors.Tests.Infrastructure.Models;

public class ModelRegistryTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly ModelRegistry _registry;

    public ModelRegistryTests() => _registry = new ModelRegistry(_temp.Combine("models"));

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Lists_versions_oldest_first_and_finds_the_latest_per_series()
    {
        var t0 = new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);
        var a = TinyModels.SaveArtifact(_registry, "ETH_BTC-5m", created: t0);
        var b = TinyModels.SaveArtifact(_registry, "LTC_BTC-5m", created: t0.AddMinutes(1));
        var c = TinyModels.SaveArtifact(_registry, "ETH_BTC-5m", created: t0.AddMinutes(2));
        Directory.CreateDirectory(_temp.Combine("models", ".ETH_BTC-5m.partial-123")); // a half-written save is invisible

        var list = _registry.List();
        Assert.Equal([a, b, c], list.Select(v => v.Directory));
        Assert.Equal("ETH_BTC-5m.20250101T120000Z", list[0].Version);
        Assert.Equal(c, _registry.LatestFor("ETH_BTC-5m")!.Directory);
        Assert.Equal(b, _registry.LatestFor("ltc_btc-5m")!.Directory);
        Assert.Null(_registry.LatestFor("XRP_ETH-5m"));
        Assert.Equal("ETH_BTC-5m", _registry.Show(list[2].Version).Series);
        Assert.Contains("not found", Assert.Throws<InputException>(() => _registry.Show("nope")).Message);
    }

    [Fact]
    public void Version_names_are_unique_even_within_one_second()
    {
        var t = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        TinyModels.SaveArtifact(_registry, "ETH_BTC-5m", created: t);
        Assert.Equal("ETH_BTC-5m.20250101T000000Z-2", _registry.NewVersionName("ETH_BTC-5m", t));
        Assert.Equal("a_b.20250101T000000Z", _registry.NewVersionName("a/b", t));
    }

    [Fact]
    public void Promote_points_at_a_valid_version_and_refuses_a_broken_one()
    {
        var good = Path.GetFileName(TinyModels.SaveArtifact(_registry));
        var broken = Path.GetFileName(TinyModels.SaveArtifact(_registry, "BROKEN_BTC-5m"));
        File.Delete(_registry.PathOf(broken) + "/weights.safetensors");

        Assert.Null(_registry.PromotedVersion());
        _registry.Promote(good);
        Assert.Equal(good, _registry.PromotedVersion());
        Assert.True(_registry.List().Single(v => v.Version == good).Promoted);
        using (var loaded = _registry.LoadPromoted()) Assert.Equal(good, loaded!.Version);

        Assert.Throws<InputException>(() => _registry.Promote(broken));
        Assert.Equal(good, _registry.PromotedVersion());
        Assert.Throws<InputException>(() => _registry.Promote("../etc"));
    }

    [Fact]
    public async Task A_watcher_reports_each_promotion_once()
    {
        var first = Path.GetFileName(TinyModels.SaveArtifact(_registry));
        var second = Path.GetFileName(TinyModels.SaveArtifact(_registry, "OTHER_BTC-5m"));
        var seen = new List<string?>();
        var changed = new SemaphoreSlim(0);
        using var watcher = new PromotionWatcher(_registry, v => { lock (seen) seen.Add(v); changed.Release(); }, TimeSpan.FromMilliseconds(100));

        _registry.Promote(first);
        Assert.True(await changed.WaitAsync(TimeSpan.FromSeconds(10)));
        _registry.Promote(second);
        Assert.True(await changed.WaitAsync(TimeSpan.FromSeconds(10)));
        await Task.Delay(300); // watcher events and polls after the change must not repeat it
        lock (seen) Assert.Equal([first, second], seen);
    }

    [Fact]
    public async Task A_watcher_asked_for_the_current_version_reports_it_first()
    {
        var first = Path.GetFileName(TinyModels.SaveArtifact(_registry));
        _registry.Promote(first);
        var seen = new TaskCompletionSource<string?>();
        using var watcher = new PromotionWatcher(_registry, v => seen.TrySetResult(v), TimeSpan.FromMilliseconds(100), notifyCurrent: true);
        Assert.Equal(first, await seen.Task.WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
