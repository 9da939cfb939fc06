namespace Fibo.Actors.Domain.Features.Indicators;

/// <summary>
/// Streaming pandas <c>rolling(W, min_periods=W).max()</c> or <c>.min()</c> with a monotonic deque held in
/// preallocated rings: amortised O(1), worst case O(W) per value, no allocation. Any NaN in the window gives NaN.
/// </summary>
internal sealed class RollingExtreme
{
    private readonly int _window;
    private readonly bool _max;
    private readonly long[] _dqIndex;
    private readonly double[] _dqValue;
    private readonly bool[] _nanRing;
    private int _head, _size, _slot;
    private long _count;
    private int _nanInWindow;

    public RollingExtreme(int window, bool max)
    {
        if (window < 1) throw new ArgumentOutOfRangeException(nameof(window), window, "a rolling window needs at least 1 value");
        _window = window;
        _max = max;
        _dqIndex = new long[window];
        _dqValue = new double[window];
        _nanRing = new bool[window];
    }

    public bool IsValid => _count >= _window && _nanInWindow == 0;

    public double Value => IsValid ? _dqValue[_head] : double.NaN;

    public void Push(double x)
    {
        long i = _count;
        int slot = _slot;
        _slot = _slot + 1 == _window ? 0 : _slot + 1;
        if (i >= _window && _nanRing[slot]) _nanInWindow--;
        bool isNan = double.IsNaN(x);
        _nanRing[slot] = isNan;
        if (isNan) _nanInWindow++;

        // Drop the front when it slid out of the window.
        if (_size > 0 && _dqIndex[_head] <= i - _window)
        {
            _head = _head + 1 == _window ? 0 : _head + 1;
            _size--;
        }
        if (!isNan)
        {
            // Pop dominated values from the back, then append.
            while (_size > 0)
            {
                int back = _head + _size - 1;
                if (back >= _window) back -= _window;
                double b = _dqValue[back];
                if (_max ? b <= x : b >= x) _size--;
                else break;
            }
            int tail = _head + _size;
            if (tail >= _window) tail -= _window;
            _dqIndex[tail] = i;
            _dqValue[tail] = x;
            _size++;
        }
        _count++;
    }

    public void Reset()
    {
        _head = 0;
        _size = 0;
        _slot = 0;
        _count = 0;
        _nanInWindow = 0;
        Array.Clear(_nanRing);
    }
}
