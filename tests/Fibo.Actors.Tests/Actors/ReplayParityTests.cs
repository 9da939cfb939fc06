using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Fibo.Actors.Domain.Backtesting;
using Fibo.Actors.Domain.Exchange;
using Fibo.Actors.Domain.Trading;
using Fibo.Actors.Hosting.Options;
using Fibo.Actors.Infrastructure.Backtesting;
using Fibo.Actors.Infrastructure.Kafka;
using Fibo.Actors.Infrastructure.Models;
using Fibo.Actors.Tests.Support;
using Fibo.Messages.Trading;

namespace Fibo.Actors.Tests.Actors;

/// <summary>
/// One code path: the <see cref="Backtester"/> over a candle file and the replay of the same file through Kafka, the
/// series entity, the predictor (the same LSTM) and the persistent executor with its paper broker make the same trades,
/// with intents sized to the same exchange filters on both sides (XRP/ETH lots of whole XRP, Binance's rules).
/// </summary>
public sealed class ReplayParityTests : IDisposable
{
    private static readonly PaperFilters Filters = new() { StepSize = 1m, MinQty = 1m, MinNotional = 0.001m };
    private readonly TempDirectory _dir = new("fibo-parity");
    private readonly KafkaTestBed _bed = new(partitions: 2);

    [Fact]
    public async Task Backtest_and_replay_through_kafka_and_the_actors_produce_the_same_order_list()
    {
        const string account = "parity";
        const double threshold = 0.0001;
        var file = Path.Combine(SampleData.RepoRoot(), "data", "sample", "XRP_ETH-5m.csv");
        var (series, candles) = BacktestInput.Load(file);
        var version = TinyPipelineModel.TrainAndPromote(_dir.Combine("models"), candles);

        // The backtest of the file.
        BacktestResult backtest;
        using (var snapshot = ModelArtifact.Load(new ModelRegistry(_dir.Combine("models")).PathOf(version)))
        {
            var options = new BacktestOptions { Account = account, Policy = new TradingPolicyOptions { Threshold = threshold }, Filters = Filters };
            backtest = new Backtester(options, () => StreamingFeatureWindow.ForModel(snapshot.Meta, series.Timeframe), new ModelForecaster(snapshot))
                .Run(series, candles);
        }

        // The same file replayed through Kafka into a node.
        var nodeOptions = PipelineNode.OptionsFor(_dir, _bed, "parity", o =>
        {
            o.Trading.Accounts = [new AccountOptions { Id = account }];
            o.Trading.Threshold = threshold;
            o.Trading.DecisionClock = DecisionClock.Candle;
            o.Trading.PaperStepSize = Filters.StepSize;
            o.Trading.PaperMinQty = Filters.MinQty;
            o.Trading.PaperMinNotional = Filters.MinNotional;
        });
        await using var node = await PipelineNode.StartAsync(nodeOptions);
        using (var producer = new CandleKafkaProducer(_bed.Bootstrap, _bed.Topic))
            await HistoryReplay.PublishAsync(producer, HistoryReplay.Market([(series, candles)]), speed: 0);
        await node.WaitForSeriesAsync(new Dictionary<string, long> { [series.ToString()] = candles[^1].OpenTime }, TimeSpan.FromSeconds(90));
        var replayed = await node.LedgerAsync(account);

        var expected = backtest.Orders.Select(Row).ToList();
        var actual = replayed.Orders.Select(Row).ToList();
        Assert.True(expected.Count >= 6, $"the backtest made only {expected.Count} orders: the comparison would say little");
        Assert.All(backtest.Orders, o => Assert.Equal(decimal.Truncate(o.Intent.Quantity), o.Intent.Quantity)); // sized to whole lots
        Assert.Equal(expected, actual);
        Assert.Equal(Hash(expected), Hash(actual));
        // Same positions and PnL too (the same fills applied by the same ledger code).
        Assert.Equal(backtest.Ledger.RealizedPnl, replayed.RealizedPnl);
        Assert.Equal(backtest.Ledger.FeesPaid, replayed.FeesPaid);
    }

    private static string Row(LedgerOrder o) => Row(o.Intent, o.Status, o.Fills.Select(f => (f.Price, f.Fee, f.Quantity)));

    private static string Row(OrderSnapshot o) => Row(o.Intent, o.Status, o.Fills.Select(f => (f.Price, f.Fee, f.Quantity)));

    private static string Row(OrderIntent i, OrderStatus status, IEnumerable<(decimal Price, decimal Fee, decimal Quantity)> fills)
    {
        var filled = string.Join(";", fills.Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Quantity}@{f.Price} fee {f.Fee}")));
        return string.Create(CultureInfo.InvariantCulture,
            $"{i.ClientOrderId} {i.CandleOpenTime} {i.Side} {i.Purpose} {i.Reason} {i.Quantity} {i.ReferencePrice} {status} {filled}");
    }

    private static string Hash(IEnumerable<string> rows) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", rows))));

    public void Dispose()
    {
        _bed.Dispose();
        _dir.Dispose();
    }
}
