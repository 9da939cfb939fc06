using Fibo.Actors.Domain.Features;

namespace Fibo.Actors.Domain.Prediction;

/// <summary>One jump-method prediction (SEED-SPEC §7.8). The seed stored the 0.76σ band as "1std" and the σ band as "2std".</summary>
/// <param name="Index">t: the first row after the input window (the seed's index).</param>
/// <param name="OpenTime">Open time of the last input candle (row t − 1), whose close is <paramref name="CloseCurrent"/>.</param>
public sealed record JumpForecastRow(
    int Index,
    long OpenTime,
    double CloseCurrent,
    double CloseActualFuture,
    double ClosePred,
    double LogReturnPred,
    double VolatilityPred,
    double Lower55,
    double Upper55,
    double Lower68,
    double Upper68,
    int HorizonSteps,
    double PredictionError,
    double PredictionErrorPct);

/// <summary>The seed CLI's summary: MAE, RMSE of the price, MAPE = mean |error %|, directional accuracy of the move.</summary>
public sealed record JumpForecastSummary(int Count, int Horizon, double Mae, double Rmse, double Mape, double DirectionalAccuracy);

public sealed record JumpForecastResult(IReadOnlyList<JumpForecastRow> Rows, JumpForecastSummary Summary, IReadOnlyList<string> Warnings);

/// <summary>
/// <c>predict_multi_horizon_jump</c>: for each t, the window rows [t − seq_len, t − 1] predict the close h bars after
/// the current close C[t − 1]; the actual is C[t − 1 + h]. Windows are predicted in batches.
/// </summary>
public static class JumpForecast
{
    /// <param name="frame">Complete (post-warm-up) feature rows with their times and closes.</param>
    public static JumpForecastResult Run(ModelSnapshot model, FeatureFrame frame, int predictions, int? startIndex = null, int batchSize = 256)
    {
        var data = InferenceWindows.ForModel(frame, model);
        var close = data.Close;
        var times = data.Timestamps;
        var seqLen = model.SeqLen;
        var h = model.Meta.Horizon;
        var warnings = new List<string>();
        var start = startIndex ?? seqLen;
        if (start < 0) start += data.RowCount;
        if (start < seqLen)
            throw new InputException($"start index {startIndex} resolves to row {start}, but the first window needs start ≥ seq_len {seqLen}");
        if (predictions < 1) throw new InputException($"--n-predictions {predictions} must be ≥ 1");
        var available = data.RowCount - h - start;
        if (available < 1)
            throw new InputException($"no prediction fits: {data.RowCount} rows, start {start}, horizon {h} (need more rows or an earlier start)");
        if (predictions > available)
        {
            warnings.Add($"n_predictions {predictions} clipped to {available} (rows {data.RowCount} − horizon {h} − start {start})");
            predictions = available;
        }

        var result = new List<JumpForecastRow>(predictions);
        for (var first = 0; first < predictions; first += batchSize)
        {
            var count = Math.Min(batchSize, predictions - first);
            var ends = Enumerable.Range(start + first - 1, count).ToArray(); // window of t ends at row t − 1
            var forecasts = model.Predict(InferenceWindows.Cut(data, seqLen, ends));
            for (var i = 0; i < count; i++)
            {
                var t = start + first + i;
                var p = close[t - 1];
                var actual = close[t - 1 + h];
                var (r, s) = forecasts[i];
                var pred = p * Math.Exp(r);
                var err = actual - pred;
                result.Add(new JumpForecastRow(t, times[t - 1], p, actual, pred, r, s,
                    p * Math.Exp(r - FanForecast.Band55Sigmas * s), p * Math.Exp(r + FanForecast.Band55Sigmas * s),
                    p * Math.Exp(r - s), p * Math.Exp(r + s), h, err, 100 * err / p));
            }
        }
        return new JumpForecastResult(result, Summarise(result, h), warnings);
    }

    private static JumpForecastSummary Summarise(IReadOnlyList<JumpForecastRow> rows, int h)
    {
        var n = rows.Count;
        var mae = rows.Average(r => Math.Abs(r.PredictionError));
        var rmse = Math.Sqrt(rows.Average(r => r.PredictionError * r.PredictionError));
        var mape = rows.Average(r => Math.Abs(r.PredictionErrorPct));
        var dir = rows.Count(r => Math.Sign(r.CloseActualFuture - r.CloseCurrent) == Math.Sign(r.ClosePred - r.CloseCurrent)) / (double)n;
        return new JumpForecastSummary(n, h, mae, rmse, mape, dir);
    }
}
