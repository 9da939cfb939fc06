using Akka.Actor;
using Fibo.Actors.Hosting;
using Fibo.Actors.Hosting.Options;
using Fibo.Actors.Infrastructure.MarketData;
using Fibo.Actors.Tests.Support;
using Fibo.Messages.MarketData;
using Fibo.Messages.Primitives;
using Microsoft.Extensions.DependencyInjection;

namespace Fibo.Actors.Tests.Actors;

/// <summary>
/// A series entity driven directly with <see cref="IngestCandle"/> (as the Kafka stage does): dedupe, the revision policy,
/// invalid candles, gaps filled from the store and from a history source, and a model change that rebuilds the window.
/// </summary>
public sealed class SeriesActorTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private static readonly SeriesKey Xrp = SeriesKey.Parse("XRP_ETH-5m");
    private readonly TempDirectory _dir = new("fibo-series");
    private readonly Candle[] _candles = SampleData.Load("XRP_ETH-5m.csv");

    private FiboOptions Options() => PipelineNode.OptionsFor(_dir, null, "unused", o =>
    {
        o.Node.Roles = [FiboRoles.Compute, FiboRoles.Trading];
        o.Trading.Threshold = 0;
    });

    private static async Task<CandleIngested> IngestAsync(PipelineNode node, Candle c) =>
        await (await node.Registry.GetAsync<SeriesRegion>()).Ask<CandleIngested>(new IngestCandle(Xrp, c), PipelineNode.Ask);

    [Fact]
    public async Task Duplicates_revisions_and_invalid_candles_get_their_outcome_and_only_new_candles_are_traded()
    {
        TinyPipelineModel.TrainAndPromote(_dir.Combine("models"), _candles);
        await using var node = await PipelineNode.StartAsync(Options());
        foreach (var c in _candles.Take(100)) Assert.Equal(IngestOutcome.Stored, (await IngestAsync(node, c)).Outcome);
        var status = await node.SeriesAsync(Xrp.ToString());
        await Eventually.True(() => node.SeriesAsync(Xrp.ToString()).GetAwaiter().GetResult().PendingDecisions == 0, Wait, () => "decisions done");
        status = await node.SeriesAsync(Xrp.ToString());
        var predictions = status.Predictions;
        Assert.True(predictions > 0);

        // The same candle again, and an older one: duplicates, nothing changes.
        Assert.Equal(IngestOutcome.Duplicate, (await IngestAsync(node, _candles[99])).Outcome);
        Assert.Equal(IngestOutcome.Duplicate, (await IngestAsync(node, _candles[50])).Outcome);
        Assert.Equal(IngestOutcome.Duplicate, (await IngestAsync(node, _candles[50] with { Volume = _candles[50].Volume + 1 })).Outcome);

        // The last candle with new values: a revision, stored (upsert) but not fed to the features or traded again.
        var revised = _candles[99] with { Close = _candles[99].Close * 1.002, High = Math.Max(_candles[99].High, _candles[99].Close * 1.002) };
        Assert.Equal(IngestOutcome.Stored, (await IngestAsync(node, revised)).Outcome);
        Assert.Equal(revised.Close, (await node.Store.ReadLastAsync(Xrp, 1))[0].Close);

        // Invalid: refused with the reason, nothing stored.
        var broken = _candles[100] with { High = _candles[100].Low / 2 };
        var rejected = await IngestAsync(node, broken);
        Assert.Equal(IngestOutcome.Rejected, rejected.Outcome);
        Assert.Contains("high", rejected.Reason);
        var notClosed = await IngestAsync(node, _candles[100] with { IsClosed = false });
        Assert.Equal(IngestOutcome.Rejected, notClosed.Outcome);

        status = await node.SeriesAsync(Xrp.ToString());
        Assert.Equal((100, 3, 1, 2, predictions), (status.CandlesProcessed, status.Duplicates, status.Revisions, status.Rejected, status.Predictions));
        Assert.Equal(100, (await node.Store.ListSeriesAsync()).Single().Rows);
    }

    [Fact]
    public async Task A_gap_is_filled_from_the_store_then_from_the_history_source_before_the_next_candle()
    {
        TinyPipelineModel.TrainAndPromote(_dir.Combine("models"), _candles);
        var history = new InMemoryHistory(_candles);
        await using var node = await PipelineNode.StartAsync(Options(), s => s.AddSingleton<ICandleHistorySource>(history));
        foreach (var c in _candles.Take(100)) await IngestAsync(node, c);

        // While the feed was away, an import put candles 100-109 in the store; 110-119 are only at the exchange.
        await node.Store.WriteAsync(Xrp, _candles[100..110], CandleWriteMode.Import, "import");
        Assert.Equal(IngestOutcome.Stored, (await IngestAsync(node, _candles[120])).Outcome);

        var status = await node.SeriesAsync(Xrp.ToString());
        Assert.Equal(20, status.Backfilled);
        Assert.Equal(_candles[120].OpenTime, status.LastCandle?.OpenTime);
        Assert.Equal(TinyPipelineModel.SeqLen, status.WindowFill); // no hole in the window
        Assert.Equal([(Xrp, _candles[110].OpenTime, _candles[119].OpenTime)], history.Requests);
        await Eventually.True(() => node.Store.ReadRangeAsync(Xrp).GetAwaiter().GetResult().Count == 121, Wait, () => "backfilled candles stored");
        Assert.Equal(_candles.Take(121).Select(c => c.OpenTime), (await node.Store.ReadRangeAsync(Xrp)).Select(c => c.OpenTime));
        Assert.Equal(IngestOutcome.Duplicate, (await IngestAsync(node, _candles[115])).Outcome);
    }

    [Fact]
    public async Task Promoting_a_model_with_other_inputs_rebuilds_the_window_from_the_store_and_trading_goes_on()
    {
        var first = TinyPipelineModel.TrainAndPromote(_dir.Combine("models"), _candles, "first");
        await using var node = await PipelineNode.StartAsync(Options());
        foreach (var c in _candles.Take(150)) await IngestAsync(node, c);
        await Eventually.True(() => node.SeriesAsync(Xrp.ToString()).GetAwaiter().GetResult().PendingDecisions == 0, Wait, () => "decisions done");
        var before = await node.SeriesAsync(Xrp.ToString());
        Assert.Equal((first, TinyPipelineModel.SeqLen), (before.ModelVersion, before.WindowSize));

        var second = TinyPipelineModel.TrainAndPromote(_dir.Combine("models"), _candles, "second", seqLen: 5);
        await Eventually.True(() => node.SeriesAsync(Xrp.ToString()).GetAwaiter().GetResult().WindowSize == 5, Wait, () => "window rebuilt for seq_len 5");
        var rebuilt = await node.SeriesAsync(Xrp.ToString());
        Assert.Equal(5, rebuilt.WindowFill); // read back from the store: full at once

        foreach (var c in _candles[150..170]) await IngestAsync(node, c);
        await Eventually.True(() => node.SeriesAsync(Xrp.ToString()).GetAwaiter().GetResult().PendingDecisions == 0, Wait, () => "decisions done");
        var after = await node.SeriesAsync(Xrp.ToString());
        Assert.Equal(second, after.ModelVersion);
        Assert.Equal(before.Predictions + 20, after.Predictions);
        var predictor = await node.PredictorAsync();
        Assert.Equal(1, predictor.Reloads);
    }

    /// <summary>An exchange's kline history, in memory: what a REST history source would return.</summary>
    private sealed class InMemoryHistory(IReadOnlyList<Candle> candles) : ICandleHistorySource
    {
        public List<(SeriesKey, long, long)> Requests { get; } = [];
        public string Name => "test-history";

        public Task<IReadOnlyList<Candle>> FetchAsync(SeriesKey series, long fromOpenTime, long toOpenTime, CancellationToken ct = default)
        {
            lock (Requests) Requests.Add((series, fromOpenTime, toOpenTime));
            return Task.FromResult<IReadOnlyList<Candle>>(candles.Where(c => c.OpenTime >= fromOpenTime && c.OpenTime <= toOpenTime).ToList());
        }
    }

    public void Dispose() => _dir.Dispose();
}
