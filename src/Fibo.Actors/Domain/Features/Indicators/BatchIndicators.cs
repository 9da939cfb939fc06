using Fibo.Messages.MarketData;

namespace Fibo.Actors.Domain.Features.Indicators;

/// <summary>The batch engine: every indicator as a whole column over the candle array (pandas-style, vectorised).</summary>
internal sealed class BatchIndicators
{
    private readonly double[] _close, _high, _low, _log, _sma5, _sma20, _std20, _sma50, _ema5, _ema20, _ema50,
        _up, _down, _atr, _vol10, _vol30, _hh, _ll;
    private readonly int[] _tdBuy, _tdSell;

    public BatchIndicators(ReadOnlySpan<Candle> candles, bool withLevels)
    {
        int n = candles.Length;
        _close = new double[n]; _high = new double[n]; _low = new double[n]; _log = new double[n];
        for (int t = 0; t < n; t++)
        {
            _close[t] = candles[t].Close;
            _high[t] = candles[t].High;
            _low[t] = candles[t].Low;
            _log[t] = FeatureMath.Log(_close[t]);
        }

        var logRet = new double[n];
        var up = new double[n];
        var down = new double[n];
        var tr = new double[n];
        for (int t = 0; t < n; t++)
        {
            logRet[t] = t > 0 ? IndicatorValues.LogReturn1(_log[t], _log[t - 1]) : double.NaN;
            // diff() then clip: the first delta is NaN and stays NaN, so RSI starts at row 14.
            double delta = t > 0 ? _close[t] - _close[t - 1] : double.NaN;
            up[t] = double.IsNaN(delta) ? double.NaN : Math.Max(delta, 0.0);
            down[t] = double.IsNaN(delta) ? double.NaN : Math.Max(-delta, 0.0);
            tr[t] = FeatureMath.TrueRange(_high[t], _low[t], t > 0 ? _close[t - 1] : double.NaN);
        }

        _sma20 = BatchRolling.Mean(_close, 20);
        _std20 = BatchRolling.Std(_close, 20);
        _up = BatchRolling.Mean(up, 14);
        _down = BatchRolling.Mean(down, 14);
        _atr = BatchRolling.Mean(tr, 14);
        _vol10 = BatchRolling.Std(logRet, 10);
        _vol30 = BatchRolling.Std(logRet, 30);
        _hh = BatchRolling.Extreme(_high, IndicatorValues.FibLookback, max: true);
        _ll = BatchRolling.Extreme(_low, IndicatorValues.FibLookback, max: false);

        if (withLevels)
        {
            _sma5 = BatchRolling.Mean(_close, 5);
            _sma50 = BatchRolling.Mean(_close, 50);
            _ema5 = Ema(_close, 5);
            _ema20 = Ema(_close, 20);
            _ema50 = Ema(_close, 50);
        }
        else
        {
            _sma5 = _sma50 = _ema5 = _ema20 = _ema50 = new double[n];
            Array.Fill(_sma5, double.NaN);
        }

        _tdBuy = new int[n];
        _tdSell = new int[n];
        for (int t = 4; t < n; t++)
        {
            _tdBuy[t] = FeatureMath.TdStep(_tdBuy[t - 1], _close[t] < _close[t - 4]);
            _tdSell[t] = FeatureMath.TdStep(_tdSell[t - 1], _close[t] > _close[t - 4]);
        }
    }

    public int Length => _close.Length;

    public void Fill(int t, ref IndicatorValues v)
    {
        v.Close = _close[t];
        v.High = _high[t];
        v.Low = _low[t];
        v.LogClose = _log[t];
        v.LogClose1 = At(_log, t - 1);
        v.LogClose2 = At(_log, t - 2);
        v.LogClose5 = At(_log, t - 5);
        v.Close1 = At(_close, t - 1);
        v.Close5 = At(_close, t - 5);
        v.Close10 = At(_close, t - 10);
        v.Sma5 = _sma5[t];
        v.Sma20 = _sma20[t];
        v.Std20 = _std20[t];
        v.Sma50 = _sma50[t];
        v.Ema5 = _ema5[t];
        v.Ema20 = _ema20[t];
        v.Ema50 = _ema50[t];
        v.MeanUp14 = _up[t];
        v.MeanDown14 = _down[t];
        v.Atr14 = _atr[t];
        v.Vol10 = _vol10[t];
        v.Vol30 = _vol30[t];
        v.HighestHigh50 = _hh[t];
        v.LowestLow50 = _ll[t];
        v.TdBuy = _tdBuy[t];
        v.TdSell = _tdSell[t];
    }

    private static double At(double[] x, int t) => t >= 0 ? x[t] : double.NaN;

    private static double[] Ema(double[] x, int span)
    {
        var state = new EmaState(span);
        var result = new double[x.Length];
        for (int t = 0; t < x.Length; t++) result[t] = state.Push(x[t]);
        return result;
    }
}
