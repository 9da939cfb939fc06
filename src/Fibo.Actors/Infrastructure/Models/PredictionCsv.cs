using System.Globalization;
using System.Text;
using Fibo.Actors.Domain.Prediction;

namespace Fibo.Actors.Infrastructure.Models;

/// <summary>CSV outputs of <c>fibo predict</c> and of the jump forecast, full round-trip precision, invariant culture.</summary>
public static class PredictionCsv
{
    /// <summary>
    /// <c>timestamp,pred_ret,pred_vol</c> (the window's last candle, UTC ms) and, for a multi-head model, one
    /// <c>pred_ret_h{h},pred_vol_h{h}</c> pair per trained horizon after them.
    /// </summary>
    public static void WritePredictions(string path, IReadOnlyList<long> timestamps, ForecastBatch forecasts)
    {
        var multi = forecasts.Horizons.Count > 1;
        var sb = new StringBuilder("timestamp,pred_ret,pred_vol");
        if (multi) foreach (var h in forecasts.Horizons) sb.Append($",pred_ret_h{h},pred_vol_h{h}");
        sb.Append('\n');
        for (var i = 0; i < timestamps.Count; i++)
        {
            var f = forecasts[i];
            sb.Append(timestamps[i].ToString(CultureInfo.InvariantCulture)).Append(',').Append(R(f.Ret)).Append(',').Append(R(f.Vol));
            if (multi)
                foreach (var h in forecasts.Horizons)
                {
                    var fh = forecasts.At(i, h);
                    sb.Append(',').Append(R(fh.Ret)).Append(',').Append(R(fh.Vol));
                }
            sb.Append('\n');
        }
        Write(path, sb);
    }

    /// <summary>The seed's jump-method columns (SEED-SPEC §7.8), with the bands named for what they are.</summary>
    public static void WriteJump(string path, IReadOnlyList<JumpForecastRow> rows)
    {
        var sb = new StringBuilder("index,timestamp,close_current,close_actual_future,close_pred,log_return_pred,volatility_pred," +
                                   "lower_076sigma_band,upper_076sigma_band,lower_1sigma_band,upper_1sigma_band,horizon_steps,prediction_error,prediction_error_pct\n");
        foreach (var r in rows)
        {
            sb.AppendJoin(',', [
                r.Index.ToString(CultureInfo.InvariantCulture), r.OpenTime.ToString(CultureInfo.InvariantCulture),
                R(r.CloseCurrent), R(r.CloseActualFuture), R(r.ClosePred), R(r.LogReturnPred), R(r.VolatilityPred),
                R(r.Lower55), R(r.Upper55), R(r.Lower68), R(r.Upper68), r.HorizonSteps.ToString(CultureInfo.InvariantCulture),
                R(r.PredictionError), R(r.PredictionErrorPct)]);
            sb.Append('\n');
        }
        Write(path, sb);
    }

    private static string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static void Write(string path, StringBuilder sb)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        AtomicFile.WriteAllText(path, sb.ToString());
    }
}
