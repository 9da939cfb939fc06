using Fibo.Messages.MarketData;

namespace Fibo.Actors.Domain.Features.Indicators;

/// <summary>
/// The streaming engine: the same indicators as <see cref="BatchIndicators"/>, kept as O(1) state per candle in
/// buffers allocated once (rolling sums drift-free, rolling max/min with monotonic deques).
/// </summary>
internal sealed class StreamingIndicators
{
    private readonly bool _withLevels;
    private readonly LagRing _close = new(10);
    private readonly LagRing _log = new(5);
    private readonly RollingMoments _m5 = new(5), _m20 = new(20), _m50 = new(50);
    private readonly RollingMoments _up = new(14), _down = new(14), _tr = new(14);
    private readonly RollingMoments _vol10 = new(10), _vol30 = new(30);
    private readonly RollingExtreme _hh = new(IndicatorValues.FibLookback, max: true);
    private readonly RollingExtreme _ll = new(IndicatorValues.FibLookback, max: false);
    private EmaState _ema5 = new(5), _ema20 = new(20), _ema50 = new(50);
    private int _tdBuy, _tdSell;
    private long _count;

    public StreamingIndicators(bool withLevels) => _withLevels = withLevels;

    public long Count => _count;

    public void Push(in Candle candle, ref IndicatorValues v)
    {
        double c = candle.Close, h = candle.High, l = candle.Low;
        double prevClose = _close.Ago(0);
        double lnC = FeatureMath.Log(c);
        double lnPrev = _log.Ago(0);

        _close.Push(c);
        _log.Push(lnC);

        double delta = c - prevClose; // NaN on the first candle
        _up.Push(double.IsNaN(delta) ? double.NaN : Math.Max(delta, 0.0));
        _down.Push(double.IsNaN(delta) ? double.NaN : Math.Max(-delta, 0.0));
        _tr.Push(FeatureMath.TrueRange(h, l, prevClose));
        double logRet = _count > 0 ? IndicatorValues.LogReturn1(lnC, lnPrev) : double.NaN;
        _vol10.Push(logRet);
        _vol30.Push(logRet);
        _m20.Push(c);
        _hh.Push(h);
        _ll.Push(l);
        if (_withLevels)
        {
            _m5.Push(c);
            _m50.Push(c);
            _ema5.Push(c);
            _ema20.Push(c);
            _ema50.Push(c);
        }
        if (_count >= 4)
        {
            double c4 = _close.Ago(4);
            _tdBuy = FeatureMath.TdStep(_tdBuy, c < c4);
            _tdSell = FeatureMath.TdStep(_tdSell, c > c4);
        }
        _count++;

        v.Close = c;
        v.High = h;
        v.Low = l;
        v.LogClose = lnC;
        v.LogClose1 = _log.Ago(1);
        v.LogClose2 = _log.Ago(2);
        v.LogClose5 = _log.Ago(5);
        v.Close1 = _close.Ago(1);
        v.Close5 = _close.Ago(5);
        v.Close10 = _close.Ago(10);
        v.Sma20 = _m20.Mean;
        v.Std20 = _m20.Std;
        v.MeanUp14 = _up.Mean;
        v.MeanDown14 = _down.Mean;
        v.Atr14 = _tr.Mean;
        v.Vol10 = _vol10.Std;
        v.Vol30 = _vol30.Std;
        v.HighestHigh50 = _hh.Value;
        v.LowestLow50 = _ll.Value;
        v.TdBuy = _tdBuy;
        v.TdSell = _tdSell;
        if (_withLevels)
        {
            v.Sma5 = _m5.Mean;
            v.Sma50 = _m50.Mean;
            v.Ema5 = _ema5.Value;
            v.Ema20 = _ema20.Value;
            v.Ema50 = _ema50.Value;
        }
        else
        {
            v.Sma5 = v.Sma50 = v.Ema5 = v.Ema20 = v.Ema50 = double.NaN;
        }
    }

    public void Reset()
    {
        _close.Reset();
        _log.Reset();
        _m5.Reset(); _m20.Reset(); _m50.Reset();
        _up.Reset(); _down.Reset(); _tr.Reset();
        _vol10.Reset(); _vol30.Reset();
        _hh.Reset(); _ll.Reset();
        _ema5.Reset(); _ema20.Reset(); _ema50.Reset();
        _tdBuy = _tdSell = 0;
        _count = 0;
    }
}
