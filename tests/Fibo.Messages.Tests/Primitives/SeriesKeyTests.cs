using Fibo.Messages.Primitives;

namespace Fibo.Messages.Tests.Primitives;

public class SeriesKeyTests
{
    [Theory]
    [InlineData("ETH_BTC-5m")]
    [InlineData("ETHBTC 5m")]
    [InlineData("ETH/BTC:5m")]
    [InlineData("eth_btc-5m")]
    [InlineData("ETH_BTC_5m")]
    [InlineData("ETH-BTC 5m")]
    public void All_spellings_parse_to_the_same_key(string text)
    {
        var key = SeriesKey.Parse(text);
        Assert.Equal("ETH_BTC-5m", key.ToString());
        Assert.Equal("ETHBTC", key.Symbol.Exchange);
        Assert.Equal(Timeframe.M5, key.Timeframe);
    }

    [Fact]
    public void Keys_of_the_shared_data_files_round_trip()
    {
        foreach (var name in new[] { "ETH_BTC-1m", "ETH_BTC-5m", "LTC_BTC-5m", "UNITTEST_BTC-30m", "XRP_ETH-1m", "XRP_ETH-5m", "BTC_USDT-1M" })
            Assert.Equal(name, SeriesKey.Parse(name).ToString());
    }

    [Theory]
    [InlineData("ETH/BTC", "ETHBTC", "ETH_BTC")]
    [InlineData("ETH_BTC", "ETHBTC", "ETH_BTC")]
    [InlineData("ETHBTC", "ETHBTC", "ETH_BTC")]
    [InlineData("btcusdt", "BTCUSDT", "BTC_USDT")]
    [InlineData("BTCFDUSD", "BTCFDUSD", "BTC_FDUSD")]
    [InlineData("BTC/USDT", "BTCUSDT", "BTC_USDT")]
    public void The_symbol_map_gives_the_exchange_symbol(string text, string exchange, string display)
    {
        var s = Symbol.Parse(text);
        Assert.Equal(exchange, s.Exchange);
        Assert.Equal(display, s.Display);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ETH_BTC")]
    [InlineData("ETH_BTC-")]
    [InlineData("ETH$BTC-5m")]
    [InlineData("ETH_BTC-5x")]
    public void Bad_keys_are_refused_with_the_expected_shape_in_the_message(string text)
    {
        var e = Assert.Throws<FormatException>(() => SeriesKey.Parse(text));
        Assert.Contains("series key", e.Message);
    }
}
