using Fibo.Messages.MarketData;
using Fibo.Messages.Primitives;
using Fibo.Messages.Routing;

namespace Fibo.Messages.Tests.Routing;

public class SeriesMessageExtractorTests
{
    private readonly SeriesMessageExtractor _extractor = new();

    [Fact]
    public void Entity_id_is_the_series_key_and_shard_is_stable_and_in_range()
    {
        var key = SeriesKey.Parse("ETH_BTC-5m");
        var a = new GetSeriesStatus(key);
        var b = new IngestCandle(key, Candle.Closed(0, 1, 1, 1, 1, 1, 300_000));
        Assert.Equal("ETH_BTC-5m", _extractor.EntityId(a));
        Assert.Equal(Shard(a), Shard(b));
        Assert.Same(a, _extractor.EntityMessage(a));
        Assert.Equal(Shard(a), Shard(new GetSeriesStatus(SeriesKey.Parse("ETH/BTC:5m"))));
        // MurmurHash, not string.GetHashCode: the same in every process. Pinned, because a change moves every entity.
        Assert.Equal("94", Shard(a));
    }

    [Fact]
    public void Shards_spread_over_the_configured_count()
    {
        var shards = new HashSet<string>();
        foreach (var sym in new[] { "ETH_BTC", "LTC_BTC", "XRP_ETH", "BTC_USDT", "SOL_USDT", "ADA_USDT", "DOGE_USDT", "BNB_USDT" })
        foreach (var tf in new[] { "1m", "5m", "15m", "1h", "4h" })
        {
            var id = Shard(new GetSeriesStatus(SeriesKey.Parse($"{sym}-{tf}")));
            var n = int.Parse(id);
            Assert.InRange(n, 0, ShardCounts.CandleSeries - 1);
            shards.Add(id);
        }
        Assert.True(shards.Count > 20, $"40 keys landed on only {shards.Count} shards");
    }

    private string Shard(object message) => _extractor.ShardId(_extractor.EntityId(message)!, message);

    [Fact]
    public void Non_series_message_has_no_entity()
    {
        Assert.Null(_extractor.EntityId("hello"));
    }
}
