using Fibo.Actors.Domain;
using Fibo.Actors.Domain.Features;
using Fibo.Actors.Domain.Trading;
using Fibo.Actors.Tests.Support;
using Fibo.Messages.MarketData;

namespace Fibo.Actors.Tests.Domain.Trading;

/// <summary>The live window adapter gives exactly the windows the batch features (the training data) give.</summary>
public class StreamingFeatureWindowTests
{
    private const int Seq = 8;
    private static readonly FeatureSet V2 = FeatureRegistry.V2;
    // A model whose column order differs from the set's: the adapter must project by name.
    private static readonly string[] ModelColumns = V2.Columns.Reverse().ToArray();

    private static void AssertSameWindowsAsBatch(Candle[] candles)
    {
        var frame = V2.CreateBatch().Compute(candles).DropIncomplete().SelectColumns(ModelColumns);
        var rowOf = new Dictionary<long, int>();
        for (var r = 0; r < frame.RowCount; r++) rowOf[frame.Timestamps[r]] = r;
        var step = TestCandles.Series.Timeframe.Milliseconds;

        // Batch: a window ends at row r when rows r−Seq+1 … r exist and each step is at most 2 timeframes.
        var expectedEnds = new List<long>();
        for (var r = Seq - 1; r < frame.RowCount; r++)
        {
            var contiguous = true;
            for (var k = r - Seq + 2; k <= r; k++) contiguous &= frame.Timestamps[k] - frame.Timestamps[k - 1] <= 2 * step;
            if (contiguous) expectedEnds.Add(frame.Timestamps[r]);
        }

        var window = new StreamingFeatureWindow(V2, ModelColumns, Seq, TestCandles.Series.Timeframe);
        var buffer = new double[Seq * ModelColumns.Length];
        var readyEnds = new List<long>();
        foreach (var c in candles)
        {
            if (!window.Push(c)) continue;
            readyEnds.Add(c.OpenTime);
            window.CopyWindowTo(buffer);
            var end = rowOf[c.OpenTime];
            for (var k = 0; k < Seq; k++)
                for (var j = 0; j < ModelColumns.Length; j++)
                    Assert.Equal(frame[end - Seq + 1 + k, j], buffer[k * ModelColumns.Length + j], 1e-9);
        }
        Assert.Equal(expectedEnds, readyEnds);
    }

    [Fact]
    public void Equals_the_batch_features_on_real_candles()
    {
        var candles = TestCandles.LoadRepoCsv("data/sample/ETH_BTC-5m.csv", TestCandles.Step)[..1500];
        AssertSameWindowsAsBatch(candles);
    }

    [Fact]
    public void Never_spans_a_gap()
    {
        var all = TestCandles.LoadRepoCsv("data/sample/ETH_BTC-5m.csv", TestCandles.Step)[..400];
        var gapped = all[..200].Concat(all[205..]).ToArray(); // five candles missing
        AssertSameWindowsAsBatch(gapped);

        var window = new StreamingFeatureWindow(V2, ModelColumns, Seq, TestCandles.Series.Timeframe);
        var ready = gapped.Select(window.Push).ToArray();
        Assert.True(ready[199]);
        Assert.All(ready[200..(200 + Seq - 1)], Assert.False); // the first Seq−1 candles after the gap
        Assert.True(ready[200 + Seq - 1]);
    }

    [Fact]
    public void Warm_up_rows_never_enter_a_window()
    {
        var candles = TestCandles.LoadRepoCsv("data/sample/ETH_BTC-5m.csv", TestCandles.Step)[..100];
        var window = new StreamingFeatureWindow(V2, V2.Columns, Seq, TestCandles.Series.Timeframe);
        var firstReady = Array.FindIndex(candles, c => window.Push(c));
        Assert.Equal(V2.WarmUp + Seq - 1, firstReady); // the first complete row is at index WarmUp
        Assert.Throws<InvalidOperationException>(() => new StreamingFeatureWindow(V2, V2.Columns, Seq, TestCandles.Series.Timeframe).CopyWindowTo(new double[Seq * 14]));
    }

    [Fact]
    public void A_model_needing_columns_the_set_lacks_is_an_input_error()
    {
        var e = Assert.Throws<InputException>(() => new StreamingFeatureWindow(V2, ["log_ret_1", "not_a_feature"], Seq, TestCandles.Series.Timeframe));
        Assert.Contains("not_a_feature", e.Message);
    }
}
