using Xunit.Abstractions;
using System.Text;
using Fibo.Actors.Infrastructure.Kafka;
using Fibo.Actors.Tests.Support;
using Fibo.Messages.MarketData;
using Fibo.Messages.Primitives;
using Fibo.Messages.Trading;

namespace Fibo.Actors.Tests.Actors;

/// <summary>
/// Kafka (mock cluster, real protocol) → ingest stream → <c>candle-series</c> entities → SQLite candle store (batched)
/// → predictor (a real TorchSharp LSTM) → policy → <c>order-executor</c> (SQLite journal, paper broker), in one node.
/// </summary>
public sealed class PipelineEndToEndTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private readonly TempDirectory _dir = new("fibo-e2e");
    private readonly KafkaTestBed _bed = new(partitions: 4);

    [Fact]
    public async Task Candles_flow_through_store_predictor_and_executor_and_poison_records_are_dead_lettered()
    {
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var xrp = SampleData.Load("XRP_ETH-5m.csv");
        var ltc = SampleData.Load("LTC_BTC-5m.csv").Take(300).ToArray();
        TinyPipelineModel.TrainAndPromote(_dir.Combine("models"), xrp);
        var options = PipelineNode.OptionsFor(_dir, _bed, "e2e", o => o.Trading.Threshold = 0);

        var market = Interleave(("XRP_ETH-5m", xrp), ("LTC_BTC-5m", ltc));
        await _bed.ProduceAsync(market.Take(200));
        await _bed.ProduceRawAsync("XRP_ETH-5m", Encoding.UTF8.GetBytes("{not json"));
        var broken = xrp[^1] with { OpenTime = xrp[^1].OpenTime + 300_000, High = xrp[^1].Low / 2 };
        await _bed.ProduceRawAsync("LTC_BTC-5m", CandleKafkaCodec.EncodeValue(broken));
        await _bed.ProduceAsync(market.Skip(200));

        output.WriteLine($"trained+produced {sw.Elapsed}");
        await using var node = await PipelineNode.StartAsync(options);
        output.WriteLine($"started {sw.Elapsed}");
        await node.WaitForSeriesAsync(new Dictionary<string, long> { ["XRP_ETH-5m"] = xrp[^1].OpenTime, ["LTC_BTC-5m"] = ltc[^1].OpenTime }, Wait);
        output.WriteLine($"processed {sw.Elapsed}");
        await Eventually.True(() => node.IngestAsync().GetAwaiter().GetResult().DeadLettered == 2, Wait, () => "two dead letters");

        // Every candle is in the store exactly once; the two poison records are in the dead-letter table with their reason.
        Assert.Equal(xrp.Select(c => c.OpenTime), (await node.Store.ReadRangeAsync(SeriesKey.Parse("XRP_ETH-5m"))).Select(c => c.OpenTime));
        Assert.Equal(ltc.Select(c => c.Close), (await node.Store.ReadRangeAsync(SeriesKey.Parse("LTC_BTC-5m"))).Select(c => c.Close));
        var dead = await node.DeadLetters.ListAsync();
        Assert.Contains(dead, d => d.Reason.Contains("undecodable"));
        Assert.Contains(dead, d => d.Reason.Contains("high"));

        // The entities decided every candle with a full window, through the node's one predictor.
        var status = await node.SeriesAsync("XRP_ETH-5m");
        Assert.Equal(xrp.Length, status.CandlesProcessed);
        Assert.Equal(TinyPipelineModel.SeqLen, status.WindowFill);
        Assert.True(status.Predictions > 500, $"predictions {status.Predictions}");
        Assert.Equal(status.Predictions, status.Decisions);
        Assert.NotNull(status.LastPredictedReturn);
        var predictor = await node.PredictorAsync();
        Assert.Equal("lstm", predictor.Kind);
        Assert.True(predictor.Forecasts >= status.Predictions + (await node.SeriesAsync("LTC_BTC-5m")).Predictions);

        // Orders reached the paper broker through the journaled ledger, each once.
        var ledger = await node.LedgerAsync("paper-1");
        Assert.True(ledger.Orders.Count > 5, $"orders {ledger.Orders.Count}");
        Assert.Equal(ledger.Orders.Count, ledger.Orders.Select(o => o.Intent.ClientOrderId).Distinct().Count());
        Assert.All(ledger.Orders.SkipLast(2), o => Assert.True(o.Status is OrderStatus.Filled, $"{o.Intent.ClientOrderId} {o.Status}"));
        Assert.Equal(status.Orders + (await node.SeriesAsync("LTC_BTC-5m")).Orders, ledger.Orders.Count);
        var csv = await node.ExecutorAskAsync<LedgerCsvText>(new GetLedgerCsv("paper-1"));
        Assert.StartsWith("time,time_ms,symbol,side,pred,price,amount,paper,status,client_order_id,fee,fill_price", csv.Csv);
        Assert.Equal(ledger.Orders.Count, csv.Rows);
        Assert.True(node.Metrics.DecisionLatency.Count > 0);
    }

    internal static List<KeyedCandle> Interleave(params (string Series, Candle[] Candles)[] series)
    {
        var all = series.SelectMany(s => s.Candles.Select((c, i) => (Key: SeriesKey.Parse(s.Series), Candle: c, Rank: (double)i / s.Candles.Length))).ToList();
        return all.OrderBy(x => x.Rank).Select(x => new KeyedCandle(x.Key, x.Candle)).ToList();
    }

    public void Dispose()
    {
        _bed.Dispose();
        _dir.Dispose();
    }
}
