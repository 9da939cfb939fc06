using Akka.Actor;
using Fibo.Actors.Actors.Prediction;
using Fibo.Actors.Domain.Prediction;
using Fibo.Actors.Domain.Trading;
using Fibo.Actors.Hosting;
using Fibo.Actors.Infrastructure.Models;
using Fibo.Actors.Tests.Support;
using Fibo.Messages.Primitives;

namespace Fibo.Actors.Tests.Actors;

/// <summary>The node's predictor with a real TorchSharp model from the registry: batching across series and safe reloads.</summary>
public sealed class PredictorActorTests : IDisposable
{
    private readonly TempDirectory _dir = new("fibo-predictor");

    [Fact]
    public async Task Windows_arriving_together_share_one_forward_and_each_gets_its_own_forecast()
    {
        var candles = SampleData.Load("XRP_ETH-5m.csv");
        var version = TinyPipelineModel.TrainAndPromote(_dir.Combine("models"), candles);
        await using var node = await PipelineNode.StartAsync(PipelineNode.OptionsFor(_dir, null, "unused", o => o.Node.Roles = [FiboRoles.Compute]));
        var predictor = await node.Registry.GetAsync<Predictor>();
        var spec = (await predictor.Ask<CurrentModel>(GetCurrentModel.Instance, PipelineNode.Ask)).Spec!;
        Assert.Equal((version, "v2", TinyPipelineModel.SeqLen), (spec.Version, spec.FeatureSet, spec.SeqLen));

        // Real windows of 60 candles, as 60 series would send them at once.
        using var snapshot = ModelArtifact.Load(new ModelRegistry(_dir.Combine("models")).PathOf(version));
        var window = StreamingFeatureWindow.ForModel(snapshot.Meta, Timeframe.M5);
        var windows = new List<(long OpenTime, double[] Values)>();
        foreach (var c in candles)
        {
            if (!window.Push(c)) continue;
            var values = new double[spec.WindowSize];
            window.CopyWindowTo(values);
            windows.Add((c.OpenTime, values));
            if (windows.Count == 60) break;
        }
        var series = SeriesKey.Parse("XRP_ETH-5m");
        var answers = await Task.WhenAll(windows.Select(w =>
            predictor.Ask<WindowForecast>(new PredictWindow(series, w.OpenTime, spec.FeatureHash, spec.SeqLen, w.Values), PipelineNode.Ask)));

        var stats = await predictor.Ask<PredictorStats>(GetPredictorStats.Instance, PipelineNode.Ask);
        Assert.Equal(60, stats.Forecasts);
        Assert.True(stats.LargestBatch >= 10 && stats.Batches < 30, $"{stats.Batches} batches, largest {stats.LargestBatch}");
        var expected = snapshot.Predict(RawFeatureWindows.Stack(windows.Select(w => w.Values).ToList(), spec.SeqLen, spec.Columns.Count));
        for (var i = 0; i < answers.Length; i++)
        {
            Assert.Equal(windows[i].OpenTime, answers[i].OpenTime);
            Assert.Equal(expected[i].Ret, answers[i].Forecast.Ret, 6);
            Assert.Equal(expected[i].Vol, answers[i].Forecast.Vol, 6);
        }

        // A window built for other inputs is refused with the model it should have used.
        var refused = await predictor.Ask<ForecastRefused>(new PredictWindow(series, 1, "other-hash", 4, new double[4 * spec.Columns.Count]), PipelineNode.Ask);
        Assert.Equal(version, refused.Current?.Version);

        // A broken promotion never replaces a working model.
        File.WriteAllText(Path.Combine(_dir.Combine("models"), ModelRegistry.PromotedFileName), "no-such-version\n");
        await Eventually.True(() => predictor.Ask<PredictorStats>(GetPredictorStats.Instance, PipelineNode.Ask).GetAwaiter().GetResult().LastError is not null,
            TimeSpan.FromSeconds(20), () => "the predictor never tried the broken promotion");
        stats = await predictor.Ask<PredictorStats>(GetPredictorStats.Instance, PipelineNode.Ask);
        Assert.Equal(version, stats.ModelVersion);
        Assert.Equal(0, stats.Reloads);
    }

    [Fact]
    public void The_persistence_forecast_is_the_last_one_bar_log_return_without_a_volatility()
    {
        var columns = new[] { "a", PersistenceForecaster.ReturnColumn, "b" };
        var f = new PersistenceForecaster(columns, sequenceLength: 2);
        double[] windows = [1, 0.1, 2, 3, 0.2, 4, /* second window */ 5, -0.3, 6, 7, -0.4, 8];
        var results = new Forecast[2];
        f.Predict(windows, results);
        Assert.Equal(0.2, results[0].Ret);
        Assert.Equal(-0.4, results[1].Ret);
        Assert.True(double.IsNaN(results[0].Vol));
        Assert.Throws<Fibo.Actors.Domain.InputException>(() => new PersistenceForecaster(["x"], 2));
    }

    public void Dispose() => _dir.Dispose();
}
