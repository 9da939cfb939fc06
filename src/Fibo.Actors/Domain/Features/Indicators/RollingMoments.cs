namespace Fibo.Actors.Domain.Features.Indicators;

/// <summary>
/// Streaming pandas <c>rolling(W, min_periods=W)</c> mean and sample std (ddof 1) in O(1) per value, no allocation.
/// <para>
/// Drift-free: the running sums are of (x − anchor) and (x − anchor)², compensated (Neumaier), and are replaced
/// every W values by a "shadow" pair that was built by additions only over exactly the values now in the window.
/// So the running sums never carry more than 2W add/remove steps of rounding, however long the series.
/// </para>
/// <para>
/// pandas rules kept: any NaN in the window gives NaN (min_periods = W); a window whose values are all identical
/// gives exactly that value as mean and exactly 0 as variance (pandas' consecutive-same-value rule, which makes the
/// seed's RSI read 0 on a flat window).
/// </para>
/// </summary>
internal sealed class RollingMoments
{
    private readonly int _window;
    private readonly double[] _ring;
    private int _next;
    private long _count;
    private int _nanInWindow;
    private int _sameRun;
    private double _last = double.NaN;

    private double _anchor;
    private NeumaierSum _s1, _s2;

    private double _shadowAnchor;
    private NeumaierSum _sh1, _sh2;
    private int _shadowCount;

    public RollingMoments(int window)
    {
        if (window < 2) throw new ArgumentOutOfRangeException(nameof(window), window, "a rolling window needs at least 2 values");
        _window = window;
        _ring = new double[window];
    }

    public int Window => _window;

    /// <summary>True when the last W values are all present (pandas min_periods = W).</summary>
    public bool IsValid => _count >= _window && _nanInWindow == 0;

    public void Push(double x)
    {
        bool isNan = double.IsNaN(x);
        if (_count >= _window)
        {
            double old = _ring[_next];
            if (double.IsNaN(old)) _nanInWindow--;
            else
            {
                double d = old - _anchor;
                _s1.Add(-d);
                _s2.Add(-(d * d));
            }
        }
        _ring[_next] = x;
        _next = _next + 1 == _window ? 0 : _next + 1;
        _count++;

        if (isNan)
        {
            _nanInWindow++;
            _sameRun = 0;
        }
        else
        {
            double d = x - _anchor;
            _s1.Add(d);
            _s2.Add(d * d);
            _sameRun = x == _last ? _sameRun + 1 : 1;
        }
        _last = x;

        // Shadow: sums over the values pushed since it started, anchored at its first value; when it has seen W
        // values it covers exactly the window, so it replaces the running sums (which then restart drift-free).
        if (_shadowCount == 0)
        {
            _shadowAnchor = isNan ? _anchor : x;
            _sh1.Clear();
            _sh2.Clear();
        }
        if (!isNan)
        {
            double d = x - _shadowAnchor;
            _sh1.Add(d);
            _sh2.Add(d * d);
        }
        if (++_shadowCount == _window)
        {
            _anchor = _shadowAnchor;
            _s1 = _sh1;
            _s2 = _sh2;
            _shadowCount = 0;
        }
    }

    public double Mean
    {
        get
        {
            if (!IsValid) return double.NaN;
            if (_sameRun >= _window) return _last;
            return _anchor + _s1.Value / _window;
        }
    }

    /// <summary>Sample standard deviation (ddof 1).</summary>
    public double Std
    {
        get
        {
            if (!IsValid) return double.NaN;
            if (_sameRun >= _window) return 0.0;
            double s1 = _s1.Value;
            double v = (_s2.Value - s1 * s1 / _window) / (_window - 1);
            return v > 0 ? Math.Sqrt(v) : 0.0;
        }
    }

    public void Reset()
    {
        Array.Clear(_ring);
        _next = 0;
        _count = 0;
        _nanInWindow = 0;
        _sameRun = 0;
        _last = double.NaN;
        _anchor = 0;
        _s1.Clear();
        _s2.Clear();
        _shadowAnchor = 0;
        _sh1.Clear();
        _sh2.Clear();
        _shadowCount = 0;
    }
}
