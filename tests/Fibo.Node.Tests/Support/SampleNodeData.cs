using Fibo.Actors.Infrastructure.Backtesting;
using Fibo.Actors.Infrastructure.MarketData;
using Fibo.Messages.MarketData;
using Fibo.Messages.Primitives;

namespace Fibo.Node.Tests.Support;

/// <summary>
/// What a node under test serves: a SQLite candle store with the bundled XRP_ETH-5m and LTC_BTC-5m candles imported
/// (<c>candles.db</c>) and a registry (<c>models/</c>) holding a tiny v2 model trained on XRP_ETH-5m
/// (<see cref="ModelVersion"/>). Built once per test class (a fixture); the folder is deleted with it.
/// </summary>
public sealed class SampleNodeData : IDisposable
{
    public const string Series = "XRP_ETH-5m";
    public const string OtherSeries = "LTC_BTC-5m";
    public const string ModelVersion = "tiny-v2";

    private readonly TempFolder _folder = new("fibo-node-data");

    public SampleNodeData()
    {
        var (key, candles) = BacktestInput.Load(TempFolder.RepoFile($"data/sample/{Series}.csv"));
        var (otherKey, other) = BacktestInput.Load(TempFolder.RepoFile($"data/sample/{OtherSeries}.csv"));
        Candles = candles;
        var store = new SqliteCandleStore(_folder.File("candles.db"));
        try
        {
            store.InitializeAsync().GetAwaiter().GetResult();
            store.WriteAsync(key, candles, CandleWriteMode.Import, "test").GetAwaiter().GetResult();
            store.WriteAsync(otherKey, other, CandleWriteMode.Import, "test").GetAwaiter().GetResult();
        }
        finally
        {
            store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        TinyV2Model.TrainAndSave(candles, _folder.File("models", ModelVersion));
    }

    /// <summary>The folder to start a <see cref="TestNode"/> on (store and registry inside).</summary>
    public string Folder => _folder.Path;

    public IReadOnlyList<Candle> Candles { get; }

    public SeriesKey Key => SeriesKey.Parse(Series);

    public void Dispose() => _folder.Dispose();
}
