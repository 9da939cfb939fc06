using System.Text.Json;
using Fibo.Messages.Primitives;

namespace Fibo.Messages.Tests.Primitives;

public class PrimitiveJsonTests
{
    private sealed record Holder(SeriesKey Key, Symbol Symbol, Timeframe Tf, SeriesKey? Maybe, Dictionary<SeriesKey, int> Counts);

    [Fact]
    public void Keys_symbols_and_timeframes_print_as_strings_everywhere()
    {
        var h = new Holder(SeriesKey.Parse("ETH_BTC-5m"), Symbol.Parse("XRPETH"), Timeframe.Parse("1M"), null,
            new() { [SeriesKey.Parse("LTC_BTC-1h")] = 3 });
        var json = JsonSerializer.Serialize(h);
        Assert.Equal("{\"Key\":\"ETH_BTC-5m\",\"Symbol\":\"XRP_ETH\",\"Tf\":\"1M\",\"Maybe\":null,\"Counts\":{\"LTC_BTC-1h\":3}}", json);
        var back = JsonSerializer.Deserialize<Holder>(json)!;
        Assert.Equal(h.Key, back.Key);
        Assert.Equal(h.Symbol, back.Symbol);
        Assert.Equal(h.Tf, back.Tf);
        Assert.Equal(3, back.Counts[SeriesKey.Parse("LTC_BTC-1h")]);
    }

    [Fact]
    public void Nullable_key_with_value_round_trips()
    {
        SeriesKey? k = SeriesKey.Parse("ETH_BTC-5m");
        Assert.Equal("\"ETH_BTC-5m\"", JsonSerializer.Serialize(k));
        Assert.Equal(k, JsonSerializer.Deserialize<SeriesKey?>("\"ETH_BTC-5m\""));
    }

    [Fact]
    public void Bad_key_is_a_json_error_naming_the_value()
    {
        var e = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<SeriesKey>("\"ETH_BTC-7x\""));
        Assert.Contains("ETH_BTC-7x", e.Message);
    }
}
