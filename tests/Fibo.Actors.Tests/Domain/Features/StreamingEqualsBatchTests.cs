using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Fibo.Actors.Domain.Features;
using Fibo.Actors.Tests.Support;
using Fibo.Messages.MarketData;

namespace Fibo.Actors.Tests.Domain.Features;

/// <summary>The streaming state equals the batch computation to 1e-9 at every row, NaN where batch is NaN.</summary>
public class StreamingEqualsBatchTests
{
    public static TheoryData<string> Sets() => new() { "v1", "v2" };

    [Theory]
    [MemberData(nameof(Sets))]
    public void Appendix_a_series(string set) => AssertStreamingEqualsBatch(FeatureRegistry.Get(set), SeedSeries.AppendixA());

    [Theory]
    [MemberData(nameof(Sets))]
    public void Flat_series_gives_rsi_zero_and_zero_width_in_both(string set)
    {
        var candles = Enumerable.Range(0, 120)
            .Select(i => Candle.Closed(SeedSeries.Start + i * SeedSeries.FiveMinutes, 50, i < 60 ? 50.5 : 50, i < 60 ? 49.5 : 50, 50, 1, SeedSeries.Start + (i + 1) * SeedSeries.FiveMinutes))
            .ToArray();
        var fs = FeatureRegistry.Get(set);
        AssertStreamingEqualsBatch(fs, candles);
        var frame = fs.CreateBatch().Compute(candles);
        Assert.Equal(0.0, frame[100, frame.IndexOf("rsi_14")]); // both averages 0 → RSI 0 (seed quirk)
        Assert.Equal(0.0, frame[100, frame.IndexOf("bb_width")]);
        Assert.Equal(0.0, frame[100, frame.IndexOf("raw_vol_30")]);
        Assert.True(frame.IsComplete(100 - 50)); // range still > 0 while the 50-bar window holds the wide bars
        Assert.False(frame.IsComplete(110)); // a zero 50-bar range is NaN, so the row is dropped
    }

    /// <summary>Random walks of random length, price scale, volatility and share of flat bars.</summary>
    [Property(MaxTest = 40)]
    public Property Random_walks(PositiveInt seed)
    {
        var gen =
            from n in Gen.Choose(1, 400)
            from scaleExp in Gen.Choose(-4, 5)
            from volPct in Gen.Choose(1, 50)
            from flatPct in Gen.Choose(0, 60)
            select (n, scaleExp, volPct, flatPct);
        return Prop.ForAll(gen.ToArbitrary(), p =>
        {
            var candles = SeedSeries.RandomWalk(p.n, seed.Get, Math.Pow(10, p.scaleExp), p.volPct / 1000.0, p.flatPct / 100.0,
                tick: p.flatPct > 30 ? Math.Pow(10, p.scaleExp - 4) : 0);
            AssertStreamingEqualsBatch(FeatureRegistry.V1, candles);
            AssertStreamingEqualsBatch(FeatureRegistry.V2, candles);
        });
    }

    /// <summary>Arbitrary closes (FsCheck's doubles filtered to positive finite), including jumps and repeats.</summary>
    [Property(MaxTest = 60)]
    public Property Arbitrary_positive_closes(NormalFloat[] raw)
    {
        var closes = raw.Select(x => Math.Abs(x.Get) % 1e6 + 1e-3).ToArray();
        var candles = closes.Select((c, i) => Candle.Closed(SeedSeries.Start + i * SeedSeries.FiveMinutes, c, c * 1.01, c * 0.99, c, 1, SeedSeries.Start + (i + 1) * SeedSeries.FiveMinutes)).ToArray();
        return Prop.ToProperty(Check(FeatureRegistry.V1, candles) && Check(FeatureRegistry.V2, candles));
    }

    /// <summary>
    /// The drift proof: 200k candles of a random walk with a long trend, flat stretches and a price that moves over
    /// three orders of magnitude; every row of streaming equals batch to 1e-9.
    /// </summary>
    [Fact]
    public void Two_hundred_thousand_candles_do_not_drift()
    {
        var candles = SeedSeries.RandomWalk(200_000, seed: 7, price: 20_000, vol: 0.004, flatProbability: 0.05, tick: 0.01);
        AssertStreamingEqualsBatch(FeatureRegistry.V2, candles);
        AssertStreamingEqualsBatch(FeatureRegistry.V1, candles);
    }

    [Theory]
    [MemberData(nameof(Sets))]
    public void Reset_starts_over(string set)
    {
        var fs = FeatureRegistry.Get(set);
        var candles = SeedSeries.RandomWalk(150, 3);
        var streaming = fs.CreateStreaming();
        var row = new double[fs.Columns.Count];
        foreach (var c in SeedSeries.RandomWalk(80, 99)) streaming.Update(c, row);
        streaming.Reset();
        Assert.Equal(0, streaming.Count);
        var batch = fs.CreateBatch().Compute(candles);
        for (int t = 0; t < candles.Length; t++)
        {
            bool complete = streaming.Update(candles[t], row);
            Assert.Equal(batch.IsComplete(t), complete);
            for (int j = 0; j < row.Length; j++) Assert.True(SeedSeries.Close(batch[t, j], row[j]));
        }
    }

    [Theory]
    [MemberData(nameof(Sets))]
    public void An_update_allocates_nothing(string set)
    {
        var fs = FeatureRegistry.Get(set);
        var candles = SeedSeries.RandomWalk(20_000, 9, flatProbability: 0.1);
        var streaming = fs.CreateStreaming();
        Span<double> row = stackalloc double[fs.Columns.Count];
        for (int i = 0; i < 10_000; i++) streaming.Update(candles[i], row); // warm-up (JIT tiers)
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 10_000; i < candles.Length; i++) streaming.Update(candles[i], row);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void A_short_row_span_is_rejected()
    {
        var streaming = FeatureRegistry.V2.CreateStreaming();
        Assert.Throws<ArgumentException>(() => streaming.Update(SeedSeries.AppendixA(1)[0], new double[13]));
    }

    internal static void AssertStreamingEqualsBatch(FeatureSet set, Candle[] candles)
    {
        Assert.True(Check(set, candles, out var message), message);
    }

    private static bool Check(FeatureSet set, Candle[] candles) => Check(set, candles, out _);

    private static bool Check(FeatureSet set, Candle[] candles, out string message)
    {
        var batch = set.CreateBatch().Compute(candles);
        var streaming = set.CreateStreaming();
        var row = new double[set.Columns.Count];
        for (int t = 0; t < candles.Length; t++)
        {
            bool complete = streaming.Update(candles[t], row);
            if (complete != batch.IsComplete(t)) { message = $"{set.Name} row {t}: streaming complete={complete}, batch {batch.IsComplete(t)}"; return false; }
            for (int j = 0; j < row.Length; j++)
            {
                if (!SeedSeries.Close(batch[t, j], row[j]))
                {
                    message = $"{set.Name} row {t} of {candles.Length} column {set.Columns[j]}: batch {batch[t, j]:R}, streaming {row[j]:R}";
                    return false;
                }
            }
        }
        message = "";
        return true;
    }
}
