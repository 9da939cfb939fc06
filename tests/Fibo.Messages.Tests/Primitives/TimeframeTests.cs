using Fibo.Messages.Primitives;

namespace Fibo.Messages.Tests.Primitives;

public class TimeframeTests
{
    [Theory]
    [InlineData("1s", 1_000L)]
    [InlineData("1m", 60_000L)]
    [InlineData("3m", 180_000L)]
    [InlineData("5m", 300_000L)]
    [InlineData("15m", 900_000L)]
    [InlineData("30m", 1_800_000L)]
    [InlineData("1h", 3_600_000L)]
    [InlineData("2h", 7_200_000L)]
    [InlineData("4h", 14_400_000L)]
    [InlineData("6h", 21_600_000L)]
    [InlineData("8h", 28_800_000L)]
    [InlineData("12h", 43_200_000L)]
    [InlineData("1d", 86_400_000L)]
    [InlineData("3d", 259_200_000L)]
    [InlineData("1w", 604_800_000L)]
    public void Every_fixed_binance_interval_parses_to_its_length(string code, long ms)
    {
        var tf = Timeframe.Parse(code);
        Assert.Equal(code, tf.Code);
        Assert.Equal(ms, tf.Milliseconds);
        Assert.True(tf.IsBinanceInterval);
    }

    [Fact]
    public void Upper_case_M_is_a_calendar_month_not_a_minute()
    {
        // The seed lower-cased timeframes, so "1M" meant 60 s; Binance's 1M is a month.
        var month = Timeframe.Parse("1M");
        Assert.True(month.IsCalendar);
        Assert.Equal("1M", month.Code);
        Assert.NotEqual(Timeframe.Parse("1m"), month);
        var jan31 = DateTimeOffset.Parse("2024-01-01T00:00:00Z").ToUnixTimeMilliseconds();
        Assert.Equal(DateTimeOffset.Parse("2024-02-01T00:00:00Z").ToUnixTimeMilliseconds(), month.Add(jan31));
        Assert.Equal(DateTimeOffset.Parse("2024-03-01T00:00:00Z").ToUnixTimeMilliseconds(), month.Add(jan31, 2));
        Assert.Equal(jan31, month.Floor(DateTimeOffset.Parse("2024-01-17T13:00:00Z").ToUnixTimeMilliseconds()));
        Assert.Throws<InvalidOperationException>(() => month.Milliseconds);
    }

    [Theory]
    [InlineData("1min", "1m")]
    [InlineData("5min", "5m")]
    [InlineData("60m", "1h")]
    [InlineData("1H", "1h")]
    [InlineData("4H", "4h")]
    [InlineData("daily", "1d")]
    [InlineData("5 minutes", "5m")]
    [InlineData("1 minute", "1m")]
    [InlineData("2 hours", "2h")]
    [InlineData("1 day", "1d")]
    [InlineData("3 days", "3d")]
    [InlineData("1440m", "1d")]
    [InlineData("90s", "90s")]
    [InlineData(" 15m ", "15m")]
    public void The_seeds_spellings_are_normalised(string text, string expected) =>
        Assert.Equal(expected, Timeframe.Parse(text).Code);

    [Fact]
    public void Seed_golden_values_for_timeframe_to_seconds_hold_where_the_seed_was_right()
    {
        Assert.Equal(90, Timeframe.Parse("90s").Seconds);
        Assert.Equal(604_800, Timeframe.Parse("1w").Seconds);
        Assert.False(Timeframe.Parse("90s").IsBinanceInterval);
    }

    [Theory]
    [InlineData("")]
    [InlineData("m5")]
    [InlineData("5x")]
    [InlineData("0m")]
    [InlineData("-1h")]
    [InlineData("1.5h")]
    public void Invalid_timeframes_give_a_message_that_names_the_input(string text)
    {
        var e = Assert.Throws<FormatException>(() => Timeframe.Parse(text));
        Assert.Contains("timeframe", e.Message);
    }

    [Fact]
    public void Alignment_uses_utc_boundaries_and_mondays_for_weeks()
    {
        var m5 = Timeframe.Parse("5m");
        Assert.True(m5.IsAligned(1_700_000_100_000));   // 2023-11-14T22:15:00Z
        Assert.False(m5.IsAligned(1_700_000_160_000));
        var week = Timeframe.Parse("1w");
        var monday = DateTimeOffset.Parse("2024-06-03T00:00:00Z").ToUnixTimeMilliseconds();
        Assert.True(week.IsAligned(monday));
        Assert.Equal(monday, week.Floor(DateTimeOffset.Parse("2024-06-09T23:59:00Z").ToUnixTimeMilliseconds()));
        Assert.Equal(288, Timeframe.Parse("5m").CandlesBetween(0, Timeframe.MsPerDay));
    }
}
