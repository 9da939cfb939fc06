using Fibo.Actors.Domain;
using Fibo.Actors.Domain.Dataset;
using Fibo.Actors.Domain.Features;
using Fibo.Actors.Domain.Prediction;
using Fibo.Actors.Tests.Support;
using static TorchSharp.torch;

namespace Fibo.Actors.Tests.Domain.Prediction;

/// <summary>The inference API the predictor actor and the backtester call.</summary>
public class InferenceTests
{
    [Fact]
    public void Raw_windows_are_scaled_once_by_the_models_own_scaler()
    {
        using var trained = TinyModels.Train();
        using var snapshot = Snapshot(trained.Network);
        var windows = TinyModels.RawWindows(3);

        // Reference: scale by hand with the same statistics, run the network directly.
        var scaled = new float[windows.Values.Length];
        var scaler = TinyModels.Scaler();
        for (var i = 0; i < scaled.Length; i++) scaled[i] = (float)((windows.Values[i] - scaler.Mean[i % 3]) / scaler.Scale[i % 3]);
        float[] expectedRet;
        using (NewDisposeScope())
        using (no_grad())
            expectedRet = ((Lstm2Head)snapshot.Network).forward(tensor(scaled, 3, TinyModels.SeqLen, 3)).Ret.data<float>().ToArray();

        var forecasts = snapshot.Predict(windows);
        Assert.Equal(expectedRet.Select(v => (double)v), forecasts.Select(f => f.Ret));
        Assert.All(forecasts, f => Assert.True(f.Vol > 0));
    }

    [Fact]
    public void A_batch_gives_each_window_the_same_prediction_as_alone()
    {
        using var trained = TinyModels.Train();
        using var snapshot = Snapshot(trained.Network);
        var batch = TinyModels.RawWindows(4);
        var together = snapshot.Predict(batch);
        for (var i = 0; i < 4; i++)
        {
            var alone = snapshot.Predict(new RawFeatureWindows(batch.Window(i).ToArray(), 1, TinyModels.SeqLen, 3))[0];
            Assert.Equal(alone.Ret, together[i].Ret, 6);
            Assert.Equal(alone.Vol, together[i].Vol, 6);
        }
        Assert.Empty(snapshot.Predict(new RawFeatureWindows([], 0, TinyModels.SeqLen, 3)));
    }

    [Fact]
    public void A_snapshot_refuses_parts_that_do_not_belong_together()
    {
        using var trained = TinyModels.Train();
        var meta = TinyModels.Meta("v", trained.Network);
        var otherScaler = new StandardScaler(["f_a", "f_b", "f_x"], [0, 0, 0], [1, 1, 1]);
        Assert.Contains("feature mismatch", Assert.Throws<InputException>(() => ModelSnapshot.Create(trained.Network, otherScaler, meta)).Message);
        var otherArch = meta with { Hidden = 16 };
        Assert.Contains("describes", Assert.Throws<InputException>(() => ModelSnapshot.Create(trained.Network, TinyModels.Scaler(), otherArch)).Message);
    }

    [Fact]
    public void The_slot_swaps_whole_snapshots()
    {
        using var a = TinyModels.Train(seed: 1);
        using var b = TinyModels.Train(seed: 2);
        using var slot = new ModelSlot();
        var first = Snapshot(ForecastNetworks.Create(a.Network.Architecture));
        Assert.Null(slot.Swap(first));
        Assert.Same(first, slot.Current);
        var second = Snapshot(ForecastNetworks.Create(b.Network.Architecture));
        var old = slot.Swap(second);
        Assert.Same(first, old);
        old!.Dispose();
        Assert.Same(second, slot.Current);
    }

    [Fact]
    public void Windows_are_cut_per_complete_run_without_crossing_a_gap()
    {
        long[] times = [0, 300, 600, 900, 1200, 5000, 5300, 5600, 5900];
        var values = Enumerable.Range(0, times.Length * 2).Select(i => (double)i).ToArray();
        var frame = new FeatureFrame(["x", "y"], times, times.Select(t => 1.0 + t).ToArray(), values);

        Assert.Equal([2, 3, 4, 7, 8], InferenceWindows.CompleteWindowEnds(frame, 3));
        var windows = InferenceWindows.Cut(frame, 3, [3]);
        Assert.Equal([2.0, 3, 4, 5, 6, 7], windows.Values);
        Assert.Contains("z", Assert.Throws<InputException>(() => frame.SelectColumns(["x", "z"])).Message);
    }

    [Fact]
    public void The_jump_method_predicts_h_bars_ahead_of_each_windows_last_close()
    {
        using var trained = TinyModels.Train();
        using var snapshot = Snapshot(trained.Network);
        var n = 30;
        var rng = new Random(4);
        var values = Enumerable.Range(0, n * 3).Select(i => TinyModels.Scaler().Mean[i % 3] + rng.NextDouble()).ToArray();
        var close = Enumerable.Range(0, n).Select(i => 100.0 + i).ToArray();
        // Extra and reordered columns: the jump method picks the model's columns by name.
        var frame = new FeatureFrame(TinyModels.FeatureNames, Enumerable.Range(0, n).Select(i => i * 60_000L).ToArray(), close, values)
            .WithColumn("extra", new double[n]).SelectColumns(["extra", "f_c", "f_a", "f_b"]);

        var result = JumpForecast.Run(snapshot, frame, predictions: 100, startIndex: 10);
        var h = 4;
        Assert.Equal(n - h - 10, result.Rows.Count);
        Assert.Single(result.Warnings);
        var first = result.Rows[0];
        Assert.Equal(10, first.Index);
        Assert.Equal(close[9], first.CloseCurrent);
        Assert.Equal(close[9 + h], first.CloseActualFuture);
        var direct = snapshot.Predict(InferenceWindows.Cut(frame.SelectColumns(TinyModels.FeatureNames), TinyModels.SeqLen, [9]))[0];
        Assert.Equal(direct.Ret, first.LogReturnPred, 6);
        Assert.Equal(first.CloseCurrent * Math.Exp(first.LogReturnPred), first.ClosePred, 9);
        Assert.Equal(first.CloseActualFuture - first.ClosePred, first.PredictionError, 9);
        Assert.Equal(result.Rows.Average(r => Math.Abs(r.PredictionError)), result.Summary.Mae, 9);
        // Prices rise every bar, so a predicted direction is right exactly when r̂ > 0.
        Assert.Equal(result.Rows.Count(r => r.LogReturnPred > 0) / (double)result.Rows.Count, result.Summary.DirectionalAccuracy, 12);
        Assert.Contains("start ≥ seq_len", Assert.Throws<InputException>(() => JumpForecast.Run(snapshot, frame, 5, startIndex: 2)).Message);

        var fromEnd = JumpForecast.Run(snapshot, frame, predictions: 3, startIndex: -10);
        Assert.Equal(n - 10, fromEnd.Rows[0].Index);
    }

    private static ModelSnapshot Snapshot(IForecastNetwork network) =>
        ModelSnapshot.Create(network, TinyModels.Scaler(), TinyModels.Meta("test", network));
}
