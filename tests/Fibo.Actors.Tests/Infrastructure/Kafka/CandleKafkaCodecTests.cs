using System.Text;
using Fibo.Actors.Infrastructure.Kafka;
using Fibo.Messages.MarketData;
using Fibo.Messages.Primitives;

namespace Fibo.Actors.Tests.Infrastructure.Kafka;

public class CandleKafkaCodecTests
{
    private static readonly long Now = DateTimeOffset.Parse("2024-06-01T00:00:00Z").ToUnixTimeMilliseconds();
    private static readonly SeriesKey Key = SeriesKey.Parse("ETH_BTC-5m");
    private static readonly Candle Good = new(1_700_000_100_000, 0.05, 0.051, 0.049, 0.0505, 12.5, 1_700_000_399_999, true, 42);

    private static DecodedCandle Decode(string? key, string json) => CandleKafkaCodec.Decode(key, Encoding.UTF8.GetBytes(json), Now);

    [Fact]
    public void Value_is_json_with_ms_timestamps_and_numbers_and_round_trips()
    {
        var json = Encoding.UTF8.GetString(CandleKafkaCodec.EncodeValue(Good));
        Assert.Equal("""{"openTime":1700000100000,"open":0.05,"high":0.051,"low":0.049,"close":0.0505,"volume":12.5,"closeTime":1700000399999,"closed":true,"trades":42}""", json);
        Assert.Equal("ETH_BTC-5m", CandleKafkaCodec.EncodeKey(Key));
        var back = Decode("ETH_BTC-5m", json);
        Assert.True(back.Ok, back.Error);
        Assert.Equal(Key, back.Series);
        Assert.Equal(Good, back.Candle);
    }

    [Fact]
    public void Reads_the_seed_producer_payload_without_a_key()
    {
        // SEED-SPEC §3.2: Binance strings, ts in ms, symbol and timeframe in the value, no key.
        var seed = """{"symbol":"ETHBTC","timeframe":"5m","ts":1700000100000,"o":"0.05","h":"0.051","l":"0.049","c":"0.0505","v":"12.5","source":"binance_ws"}""";
        var d = Decode(null, seed);
        Assert.True(d.Ok, d.Error);
        Assert.Equal(Key, d.Series);
        Assert.Equal(0.0505, d.Candle.Close);
        Assert.Equal(1_700_000_399_999, d.Candle.CloseTime); // derived: next open − 1 ms
    }

    [Theory]
    [InlineData("ETH_BTC-5m", "not json", "undecodable")]
    [InlineData("ETH_BTC-5m", """{"openTime":1700000100000,"open":0.05""", "undecodable")]
    [InlineData("ETH_BTC-5m", """[1,2,3]""", "undecodable")]
    [InlineData("ETH_BTC-5m", """{"openTime":1700000100000,"open":0.05,"high":0.051,"low":0.049,"volume":1}""", "'close' is missing")]
    [InlineData("ETH_BTC-5m", """{"openTime":1700000100000,"open":"NaN","high":0.051,"low":0.049,"close":0.05,"volume":1}""", "non-finite")]
    [InlineData("ETH_BTC-5m", """{"openTime":1700000100000,"open":0.05,"high":0.04,"low":0.049,"close":0.05,"volume":1}""", "high 0.04 < low 0.049")]
    [InlineData("ETH_BTC-5m", """{"openTime":1700000100000,"open":0.05,"high":0.051,"low":0.049,"close":0.05,"volume":-1}""", "negative volume")]
    [InlineData("ETH_BTC-5m", """{"openTime":1700000100001,"open":0.05,"high":0.051,"low":0.049,"close":0.05,"volume":1}""", "not on a 5m boundary")]
    [InlineData("ETH_BTC-5m", """{"openTime":4102444800000,"open":0.05,"high":0.051,"low":0.049,"close":0.05,"volume":1}""", "in the future")]
    [InlineData("ETH_BTC-5m", """{"openTime":1700000100000,"open":0,"high":0.051,"low":0.049,"close":0.05,"volume":1}""", "non-positive")]
    [InlineData("ETH_BTC-7x", """{"openTime":1700000100000,"open":0.05,"high":0.051,"low":0.049,"close":0.05,"volume":1}""", "bad key")]
    [InlineData(null, """{"openTime":1700000100000,"open":0.05,"high":0.051,"low":0.049,"close":0.05,"volume":1}""", "no series")]
    public void Poison_records_come_back_with_a_reason(string? key, string json, string reason)
    {
        var d = Decode(key, json);
        Assert.False(d.Ok);
        Assert.Contains(reason, d.Error);
    }

    [Fact]
    public void Invalid_utf8_is_undecodable_not_an_exception()
    {
        var d = CandleKafkaCodec.Decode("ETH_BTC-5m", new byte[] { 0x7B, 0xFF, 0xFE, 0x7D }, Now);
        Assert.False(d.Ok);
        Assert.Contains("undecodable", d.Error);
    }
}
