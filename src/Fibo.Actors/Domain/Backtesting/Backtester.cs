using Fibo.Actors.Domain.Prediction;
using Fibo.Actors.Domain.Trading;
using Fibo.Actors.Domain.Trading.Brokers;
using Fibo.Messages.MarketData;
using Fibo.Messages.Primitives;
using Fibo.Messages.Trading;

namespace Fibo.Actors.Domain.Backtesting;

/// <summary>
/// Replays a candle array through the live decision path without actors: the series' <see cref="SeriesDecisionChain"/>
/// (features → forecast → policy), the <see cref="Ledger"/> decide/evolve, and a <see cref="PaperBroker"/> that fills
/// at the next candle's open. Per candle, in time order: (1) the broker fills orders decided earlier at this candle's
/// open, (2) the chain decides on this candle's close, (3) the equity is marked at the close.
/// Forecasts do not depend on trading, so windows are predicted in batches ahead of the decisions; the chain's calls
/// are the same ones the series actor makes.
/// </summary>
public sealed class Backtester
{
    private readonly BacktestOptions _options;
    private readonly Func<IFeatureWindow> _windowFactory;
    private readonly IForecaster _forecaster;

    public Backtester(BacktestOptions options, Func<IFeatureWindow> windowFactory, IForecaster forecaster)
    {
        _options = options.Validate();
        _windowFactory = windowFactory;
        _forecaster = forecaster;
    }

    public BacktestResult Run(SeriesKey series, IReadOnlyList<Candle> candles, IProgress<BacktestProgress>? progress = null)
    {
        var chain = new SeriesDecisionChain(_options.Account, series, _windowFactory(), new TradingPolicy(_options.Policy));
        CheckShapes(chain.Window);
        CheckOrder(series, candles);
        var forecasts = Forecast(chain, candles, progress);

        var broker = PaperBroker.WithBasisPoints(_options.FeeBps, _options.SlippageBps, _options.Filters);
        var executor = new SynchronousOrderExecutor(Ledger.Open(_options.Account, _options.Policy.Risk), broker);
        var quote = Ledger.QuoteAsset(series);
        var t0 = candles.Count > 0 ? candles[0].OpenTime : 0;
        executor.Execute(new FundAccount(_options.Account, "initial-cash", quote, _options.StartingCash, t0));

        var holds = new Dictionary<HoldReason, int>();
        var curve = new List<EquityPoint>(candles.Count);
        for (var i = 0; i < candles.Count; i++)
        {
            var candle = candles[i];
            executor.OnCandle(series, candle);
            var now = series.Timeframe.Add(candle.OpenTime);
            if (forecasts[i] is { } forecast)
            {
                var ledger = executor.Ledger;
                var decision = chain.Decide(candle, forecast, ledger.PositionView(series), ledger.RiskView(now), now);
                if (decision.Intent is { } intent) executor.Place(intent, now);
                else holds[decision.HoldReason] = holds.GetValueOrDefault(decision.HoldReason) + 1;
            }
            var close = (decimal)candle.Close;
            curve.Add(new EquityPoint(now, executor.Ledger.Equity(quote, _ => close), executor.Ledger.PositionOf(series).Quantity));
            if (progress is not null && (i % 1000 == 999 || i == candles.Count - 1)) progress.Report(new BacktestProgress(BacktestPhase.Trade, i + 1, candles.Count));
        }

        var predictions = forecasts.Count(f => f is not null);
        var stats = BacktestStatistics.Compute(series.Timeframe, _options.StartingCash, curve, executor.Ledger, predictions);
        return new BacktestResult(series, stats, curve, executor.Ledger, executor.Journal, holds, executor.Rejections);
    }

    /// <summary>Feeds every candle to the chain's window and predicts each ready window, <see cref="BacktestOptions.BatchSize"/> at a time.</summary>
    private Forecast?[] Forecast(SeriesDecisionChain chain, IReadOnlyList<Candle> candles, IProgress<BacktestProgress>? progress)
    {
        var result = new Forecast?[candles.Count];
        var size = chain.WindowSize;
        var batch = _options.BatchSize;
        var buffer = new double[batch * size];
        var owners = new int[batch];
        var outputs = new Forecast[batch];
        var n = 0;

        void Flush()
        {
            if (n == 0) return;
            _forecaster.Predict(buffer.AsSpan(0, n * size), outputs.AsSpan(0, n));
            for (var k = 0; k < n; k++) result[owners[k]] = outputs[k];
            progress?.Report(new BacktestProgress(BacktestPhase.Forecast, owners[n - 1] + 1, candles.Count));
            n = 0;
        }

        for (var i = 0; i < candles.Count; i++)
        {
            if (!chain.OnCandle(candles[i])) continue;
            chain.CopyWindowTo(buffer.AsSpan(n * size, size));
            owners[n++] = i;
            if (n == batch) Flush();
        }
        Flush();
        return result;
    }

    private void CheckShapes(IFeatureWindow window)
    {
        if (window.SequenceLength != _forecaster.SequenceLength || window.FeatureCount != _forecaster.FeatureCount)
            throw new InputException(
                $"the feature window gives {window.SequenceLength}×{window.FeatureCount} windows but the model expects " +
                $"{_forecaster.SequenceLength}×{_forecaster.FeatureCount}: use the feature set and sequence length the model was trained with");
    }

    private static void CheckOrder(SeriesKey series, IReadOnlyList<Candle> candles)
    {
        for (var i = 1; i < candles.Count; i++)
            if (candles[i].OpenTime <= candles[i - 1].OpenTime)
                throw new InputException(
                    $"{series}: candle {i} opens at {candles[i].OpenTime}, not after the previous one ({candles[i - 1].OpenTime}): sort the candles by time and remove duplicates");
    }
}
