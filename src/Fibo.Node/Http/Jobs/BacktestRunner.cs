using Fibo.Actors.Domain.Backtesting;
using Fibo.Actors.Domain.Trading;
using Fibo.Actors.Infrastructure.Models;
using Fibo.Messages.Trading;
using Fibo.Node.Http.Contracts;
using Fibo.Node.Http.MarketData;
using Fibo.Node.Http.Registry;

namespace Fibo.Node.Http.Jobs;

/// <summary>
/// <c>POST /api/backtest</c>: <c>fibo backtest</c>'s path (<see cref="Backtester"/>: streaming features → model →
/// policy → ledger with paper fills) with a registry model over a series of the candle store.
/// </summary>
public sealed class BacktestRunner(NodeCandleStore store, ModelCatalog catalog, ComputeGate gate)
{
    public const int TradesShown = 200;
    public const int EquityPoints = 600;

    public async Task<BacktestView> RunAsync(BacktestRequest request, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Model)) throw ApiException.BadRequest("model is required: a version of the registry (GET /api/models)");
        if (string.IsNullOrWhiteSpace(request.Series)) throw ApiException.BadRequest("series is required, e.g. \"ETH_BTC-5m\"");
        if (request.LastCandles is < 1) throw ApiException.BadRequest($"lastCandles {request.LastCandles} must be positive (or left out for every candle)");
        var key = SeriesInspector.ParseKey(request.Series);
        var options = new BacktestOptions
        {
            FeeBps = request.FeeBps,
            SlippageBps = request.SlippageBps,
            Policy = new TradingPolicyOptions { Threshold = request.Threshold, Equity = request.Equity, PositionPct = request.PositionPct },
        }.Validate();
        var info = catalog.Find(request.Model);

        var candleStore = await store.GetAsync(ct);
        var candles = request.LastCandles is { } n ? await candleStore.ReadLastAsync(key, n, ct) : await candleStore.ReadRangeAsync(key, ct: ct);
        if (candles.Count == 0) throw ApiException.NotFound($"the candle store has no candles for {key}");

        return await gate.RunAsync(() =>
        {
            using var snapshot = ModelArtifact.Load(info.Directory);
            var backtester = new Backtester(options, () => StreamingFeatureWindow.ForModel(snapshot.Meta, key.Timeframe), new ModelForecaster(snapshot));
            var result = backtester.Run(key, candles);
            var trades = result.Ledger.ClosedTrades;
            return new BacktestView(
                key.ToString(),
                snapshot.Version,
                result.Statistics,
                result.Holds.ToDictionary(kv => kv.Key.ToString(), kv => kv.Value),
                trades.Count,
                trades.Skip(Math.Max(0, trades.Count - TradesShown))
                    .Select(t => new TradeView(t.OpenedAtMs, t.ClosedAtMs, t.Side == OrderSide.Buy ? "long" : "short", t.Quantity,
                        t.AverageEntryPrice, t.AverageExitPrice, t.NetPnl))
                    .ToList(),
                Thin(result.EquityCurve));
        }, ct);
    }

    /// <summary>At most <see cref="EquityPoints"/> points, evenly spaced, the first and last kept: enough for a chart.</summary>
    internal static IReadOnlyList<EquityPointView> Thin(IReadOnlyList<EquityPoint> curve)
    {
        if (curve.Count <= EquityPoints) return curve.Select(p => new EquityPointView(p.TimeMs, p.Equity)).ToList();
        var step = (curve.Count - 1) / (double)(EquityPoints - 1);
        return Enumerable.Range(0, EquityPoints)
            .Select(i => curve[(int)Math.Round(i * step)])
            .Select(p => new EquityPointView(p.TimeMs, p.Equity))
            .ToList();
    }
}
