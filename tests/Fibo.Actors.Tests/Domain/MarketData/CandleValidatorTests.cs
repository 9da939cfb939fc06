using Fibo.Actors.Domain.MarketData;
using Fibo.Messages.MarketData;
using Fibo.Messages.Primitives;

namespace Fibo.Actors.Tests.Domain.MarketData;

public class CandleValidatorTests
{
    private const long T0 = 1515560100000; // 2018-01-10T04:55:00Z, a 5m boundary
    private const long Step = 300_000;
    private static readonly Timeframe M5 = Timeframe.M5;

    private static NumberedCandle Row(int line, long t, double o = 1.0, double h = 1.2, double l = 0.9, double c = 1.1, double v = 10) =>
        new(line, Candle.Closed(t, o, h, l, c, v, t + Step));

    private static CandleValidation Validate(params NumberedCandle[] rows) => CandleValidator.Validate("f.csv", M5, rows);

    [Fact]
    public void Good_rows_pass_in_order()
    {
        var v = Validate(Row(2, T0), Row(3, T0 + Step), Row(4, T0 + 2 * Step));
        Assert.True(v.IsValid);
        Assert.Equal(3, v.Valid.Count);
    }

    [Theory]
    [InlineData("open", double.NaN, "not a finite number")]
    [InlineData("high", double.PositiveInfinity, "not a finite number")]
    [InlineData("low", -0.5, "price must be positive")]
    [InlineData("close", 0.0, "price must be positive")]
    [InlineData("volume", -1.0, "volume must not be negative")]
    [InlineData("volume", double.NegativeInfinity, "not a finite number")]
    public void Bad_numbers_are_named_by_field_and_value(string field, double value, string problem)
    {
        var r = field switch
        {
            "open" => Row(7, T0, o: value), "high" => Row(7, T0, h: value), "low" => Row(7, T0, l: value),
            "close" => Row(7, T0, c: value), _ => Row(7, T0, v: value),
        };
        var v = Validate(Row(6, T0 - Step), r);
        var issue = Assert.Single(v.Issues);
        Assert.Equal(("f.csv", 7, field), (issue.File, issue.Line, issue.Field));
        Assert.Contains(problem, issue.Problem);
        Assert.Contains(CandleValidator.Text(value), issue.ToString());
        Assert.Single(v.Valid);
    }

    [Fact]
    public void High_below_the_body_and_low_above_it_are_rejected()
    {
        var v = Validate(Row(2, T0, o: 1.0, h: 1.05, l: 0.9, c: 1.1), Row(3, T0 + Step, o: 1.0, h: 1.2, l: 1.01, c: 1.1));
        Assert.Equal(["high", "low"], v.Issues.Select(i => i.Field));
        Assert.Contains("high is below max(open, close) = 1.1", v.Issues[0].Problem);
        Assert.Contains("low is above min(open, close) = 1", v.Issues[1].Problem);
        Assert.Empty(v.Valid);
    }

    [Fact]
    public void Unaligned_duplicate_and_out_of_order_timestamps_are_rejected()
    {
        var v = Validate(
            Row(2, T0),
            Row(3, T0 + Step),
            Row(4, T0 + Step + 60_000),    // not on a 5m boundary
            Row(5, T0 + Step),             // duplicate of line 3
            Row(6, T0 - 10 * Step),        // before the last accepted row
            Row(7, T0 + 2 * Step));
        Assert.Equal([4, 5, 6], v.Issues.Select(i => i.Line));
        Assert.All(v.Issues, i => Assert.Equal("timestamp", i.Field));
        Assert.Contains("not aligned to the 5m timeframe", v.Issues[0].Problem);
        Assert.Contains("duplicate of line 3", v.Issues[1].Problem);
        Assert.Contains("out of order", v.Issues[2].Problem);
        Assert.Equal([T0, T0 + Step, T0 + 2 * Step], v.Valid.Select(c => c.OpenTime));
    }

    [Fact]
    public void Open_times_too_small_to_tell_from_seconds_are_rejected()
    {
        var v = CandleValidator.Validate("f.csv", Timeframe.M5, [Row(2, 300_000), Row(3, T0)]);
        var issue = Assert.Single(v.Issues);
        Assert.Equal((2, "timestamp"), (issue.Line, issue.Field));
        Assert.Contains("read as seconds", issue.Problem);
    }

    [Fact]
    public void A_rejected_row_is_not_the_reference_for_later_rows()
    {
        // Line 3 is far in the future but invalid (NaN); line 4 must still be accepted as the next candle.
        var v = Validate(Row(2, T0), Row(3, T0 + 100 * Step, o: double.NaN), Row(4, T0 + Step));
        Assert.Equal([3], v.Issues.Select(i => i.Line));
        Assert.Equal(2, v.Valid.Count);
    }

    [Fact]
    public void Ensure_well_formed_refuses_a_batch_naming_the_candle()
    {
        var good = Candle.Closed(T0, 1, 1.2, 0.9, 1.1, 5, T0 + Step);
        CandleValidator.EnsureWellFormed("write to X", M5, [good]);
        var e = Assert.Throws<CandleValidationException>(() =>
            CandleValidator.EnsureWellFormed("write to X", M5, [good, good with { OpenTime = T0 + 1 }]));
        Assert.Equal(2, Assert.Single(e.Issues).Line);
        Assert.Contains("write to X candle 2", e.Message);
    }

    [Fact]
    public void The_refusal_message_lists_the_first_issues_and_the_fix()
    {
        var rows = Enumerable.Range(0, 15).Select(i => Row(i + 2, T0 + i * Step, o: -1)).ToArray();
        var v = Validate(rows);
        var e = CandleValidationException.Refusing(v.Issues, "FIX IT");
        Assert.Contains("f.csv: 15 invalid row(s), nothing was written.", e.Message);
        Assert.Contains("f.csv line 2: field 'open' value '-1': price must be positive", e.Message);
        Assert.Contains("... and 5 more", e.Message);
        Assert.EndsWith("FIX IT", e.Message);
    }

    [Theory]
    [InlineData(1_515_560_100L, TimestampUnit.Seconds, 1_515_560_100_000L)]
    [InlineData(1_515_560_100_000L, TimestampUnit.Milliseconds, 1_515_560_100_000L)]
    [InlineData(99_999_999_999L, TimestampUnit.Seconds, 99_999_999_999_000L)]
    [InlineData(100_000_000_000L, TimestampUnit.Milliseconds, 100_000_000_000L)]
    public void Seconds_and_milliseconds_are_told_apart_by_magnitude(long raw, TimestampUnit unit, long ms)
    {
        Assert.Equal(unit, TimestampUnits.Detect(raw));
        Assert.Equal(ms, TimestampUnits.ToMilliseconds(raw));
    }
}
