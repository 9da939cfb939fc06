using Fibo.Actors.Domain.Trading;
using Fibo.Messages.Primitives;
using Fibo.Messages.Trading;

namespace Fibo.Actors.Tests.Domain.Trading;

public class ClientOrderIdsTests
{
    private static readonly SeriesKey Eth5m = SeriesKey.Parse("ETH_BTC-5m");

    [Fact]
    public void Same_inputs_give_the_same_id()
    {
        var a = ClientOrderIds.For("acct-1", Eth5m, 1_700_000_000_000, OrderSide.Buy);
        var b = ClientOrderIds.For("acct-1", SeriesKey.Parse("ETHBTC 5m"), 1_700_000_000_000, OrderSide.Buy);
        Assert.Equal(a, b);
    }

    [Fact]
    public void The_id_is_pinned_so_a_new_version_cannot_silently_remap_journaled_intents()
    {
        // The id of a recorded intent must survive upgrades: this value was computed once and must never change.
        Assert.Equal("fibo-", ClientOrderIds.For("paper", Eth5m, 1_515_560_100_000, OrderSide.Buy)[..5]);
        Assert.Equal(PinnedId, ClientOrderIds.For("paper", Eth5m, 1_515_560_100_000, OrderSide.Buy));
    }

    // Computed independently: python3 -c "import hashlib; print('fibo-' + hashlib.sha256(b'v1|paper|ETH_BTC-5m|1515560100000|Buy').hexdigest()[:30])"
    private const string PinnedId = "fibo-b222da74e785ba1c7a2715d28a10dd";

    [Fact]
    public void Every_component_changes_the_id()
    {
        var baseline = ClientOrderIds.For("acct-1", Eth5m, 1_700_000_000_000, OrderSide.Buy);
        Assert.NotEqual(baseline, ClientOrderIds.For("acct-2", Eth5m, 1_700_000_000_000, OrderSide.Buy));
        Assert.NotEqual(baseline, ClientOrderIds.For("acct-1", SeriesKey.Parse("ETH_BTC-1m"), 1_700_000_000_000, OrderSide.Buy));
        Assert.NotEqual(baseline, ClientOrderIds.For("acct-1", SeriesKey.Parse("LTC_BTC-5m"), 1_700_000_000_000, OrderSide.Buy));
        Assert.NotEqual(baseline, ClientOrderIds.For("acct-1", Eth5m, 1_700_000_300_000, OrderSide.Buy));
        Assert.NotEqual(baseline, ClientOrderIds.For("acct-1", Eth5m, 1_700_000_000_000, OrderSide.Sell));
    }

    [Theory]
    [InlineData("a")]
    [InlineData("paper")]
    [InlineData("an account name with spaces, commas and ünïcödé that is much longer than thirty-six characters")]
    public void Ids_fit_binance_newClientOrderId_for_any_account(string account)
    {
        var random = new Random(42);
        for (var i = 0; i < 200; i++)
        {
            var id = ClientOrderIds.For(account, Eth5m, random.NextInt64(0, 4_000_000_000_000), i % 2 == 0 ? OrderSide.Buy : OrderSide.Sell);
            Assert.True(id.Length <= ClientOrderIds.MaxLength, id);
            Assert.Matches(@"^[\.A-Z\:/a-z0-9_-]{1,36}$", id);
            Assert.True(ClientOrderIds.IsValidForBinance(id));
        }
    }

    [Fact]
    public void No_collisions_over_many_candles_and_sides()
    {
        var ids = new HashSet<string>();
        for (var t = 0; t < 20_000; t++)
        {
            Assert.True(ids.Add(ClientOrderIds.For("paper", Eth5m, 1_500_000_000_000 + t * 300_000L, OrderSide.Buy)));
            Assert.True(ids.Add(ClientOrderIds.For("paper", Eth5m, 1_500_000_000_000 + t * 300_000L, OrderSide.Sell)));
        }
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("fibo-abc", true)]
    [InlineData("has space", false)]
    [InlineData("a:b/c.d_e-F", true)]
    [InlineData("0123456789012345678901234567890123456", false)] // 37 chars
    public void Binance_validation(string id, bool valid) => Assert.Equal(valid, ClientOrderIds.IsValidForBinance(id));
}
