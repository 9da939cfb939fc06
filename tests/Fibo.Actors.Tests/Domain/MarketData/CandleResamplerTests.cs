using Fibo.Actors.Domain;
using Fibo.Actors.Domain.MarketData;
using Fibo.Messages.MarketData;
using Fibo.Messages.Primitives;

namespace Fibo.Actors.Tests.Domain.MarketData;

public class CandleResamplerTests
{
    private const long T0 = 1515560100000; // 2018-01-10T04:55Z: a 5m boundary, not an hour boundary
    private const long M1 = 60_000;

    private static Candle C(long t, double o, double h, double l, double c, double v) => Candle.Closed(t, o, h, l, c, v, t + M1);

    [Fact]
    public void Five_one_minute_candles_make_one_five_minute_candle_by_the_ohlcv_rules()
    {
        var src = new[]
        {
            C(T0, 10, 11, 9, 10.5, 1), C(T0 + M1, 10.5, 12, 10, 11, 2), C(T0 + 2 * M1, 11, 11.5, 8, 9, 3),
            C(T0 + 3 * M1, 9, 10, 8.5, 9.5, 4), C(T0 + 4 * M1, 9.5, 10, 9, 9.8, 5),
        };
        var r = CandleResampler.Resample(src, Timeframe.M1, Timeframe.M5);
        Assert.Empty(r.Incomplete);
        Assert.Equal(Candle.Closed(T0, 10, 12, 8, 9.8, 15, T0 + 5 * M1), Assert.Single(r.Candles));
    }

    [Fact]
    public void Incomplete_buckets_are_reported_not_emitted()
    {
        // Bucket 1 is complete; bucket 2 lacks its third minute; bucket 3 starts mid-way (first candle at +11m).
        var src = Enumerable.Range(0, 10).Where(i => i != 7).Append(11).Append(12).Append(13).Append(14)
            .Select(i => C(T0 + i * M1, 1, 2, 0.5, 1.5, 1)).ToList();
        var r = CandleResampler.Resample(src, Timeframe.M1, Timeframe.M5);
        Assert.Equal([T0], r.Candles.Select(c => c.OpenTime));
        Assert.Equal([new IncompleteBucket(T0 + 5 * M1, 4, 5), new IncompleteBucket(T0 + 10 * M1, 4, 5)], r.Incomplete);
    }

    [Fact]
    public void Resampling_real_one_minute_data_agrees_with_the_five_minute_file()
    {
        // ETH_BTC-1m and ETH_BTC-5m of the shared data overlap; every complete 5m bucket built from 1m matches the 5m file.
        var oneMinute = Fibo.Actors.Infrastructure.MarketData.Files.CandleFileReader.Read(Support.TestData.Path("MarketData", "overlap", "ETH_BTC-1m.csv"));
        var fiveMinute = Fibo.Actors.Infrastructure.MarketData.Files.CandleFileReader.Read(Support.TestData.Path("MarketData", "overlap", "ETH_BTC-5m.csv"));
        var r = CandleResampler.Resample(oneMinute.Series[0].Rows.Select(x => x.Candle).ToList(), Timeframe.M1, Timeframe.M5);
        var byTime = fiveMinute.Series[0].Rows.ToDictionary(x => x.Candle.OpenTime, x => x.Candle);
        int compared = 0;
        foreach (var c in r.Candles)
        {
            if (!byTime.TryGetValue(c.OpenTime, out var expected)) continue;
            Assert.Equal(expected.Open, c.Open, 12);
            Assert.Equal(expected.High, c.High, 12);
            Assert.Equal(expected.Low, c.Low, 12);
            Assert.Equal(expected.Close, c.Close, 12);
            Assert.Equal(expected.Volume, c.Volume, tolerance: 1e-6); // sums of 8-decimal volumes differ in the last bits
            compared++;
        }
        Assert.True(compared >= 50, $"only {compared} buckets compared");
    }

    [Theory]
    [InlineData("5m", "1m")]
    [InlineData("5m", "5m")]
    [InlineData("2h", "3h")]
    [InlineData("3d", "1w")]
    [InlineData("7m", "1M")]
    public void Impossible_resamplings_are_refused(string from, string to)
    {
        Assert.False(CandleResampler.CanResample(Timeframe.Parse(from), Timeframe.Parse(to), out var reason));
        Assert.NotEmpty(reason);
        Assert.Throws<InputException>(() => CandleResampler.Resample([], Timeframe.Parse(from), Timeframe.Parse(to)));
    }

    [Fact]
    public void Days_make_a_calendar_month()
    {
        long feb = new DateTimeOffset(2024, 2, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        var days = Enumerable.Range(0, 29).Select(i => Candle.Closed(feb + i * Timeframe.MsPerDay, 1, 2, 0.5, 1, 1, feb + (i + 1) * Timeframe.MsPerDay)).ToList();
        var r = CandleResampler.Resample(days, Timeframe.Parse("1d"), Timeframe.Parse("1M"));
        var month = Assert.Single(r.Candles);
        Assert.Equal(29, month.Volume);
        Assert.Equal(new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() - 1, month.CloseTime);
    }

    [Fact]
    public void Gaps_of_a_five_minute_series_are_filled_from_one_minute_candles()
    {
        var fiveMinute = new[] { 0, 1, 4, 5 }.Select(i => T0 + i * 5 * M1).ToList();
        var gaps = GapDetector.Detect(Timeframe.M5, fiveMinute);
        // One-minute data covers slot 2 fully and slot 3 partially.
        var oneMinute = Enumerable.Range(10, 5).Concat(Enumerable.Range(15, 3)).Select(i => C(T0 + i * M1, 1, 2, 0.5, 1.5, 1)).ToList();
        var fill = GapFiller.Fill(gaps, oneMinute, Timeframe.M1);
        Assert.Equal([T0 + 10 * M1], fill.Filled.Select(c => c.OpenTime));
        Assert.Equal([new IncompleteBucket(T0 + 15 * M1, 3, 5)], fill.Incomplete);
        Assert.Equal(0, fill.Unfilled);
    }
}
