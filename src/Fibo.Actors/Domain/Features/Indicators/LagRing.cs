namespace Fibo.Actors.Domain.Features.Indicators;

/// <summary>The last N values of a series in a preallocated ring: <c>Ago(k)</c> is xₜ₋ₖ (NaN before the start).</summary>
internal sealed class LagRing
{
    private readonly double[] _ring;
    private int _newest = -1;
    private long _count;

    public LagRing(int maxLag) => _ring = new double[maxLag + 1];

    public void Push(double x)
    {
        _newest = _newest + 1 == _ring.Length ? 0 : _newest + 1;
        _ring[_newest] = x;
        _count++;
    }

    /// <summary>The value k steps back from the newest (k = 0 is the newest).</summary>
    public double Ago(int k)
    {
        if (k >= _count) return double.NaN;
        int i = _newest - k;
        return _ring[i < 0 ? i + _ring.Length : i];
    }

    public void Reset()
    {
        _newest = -1;
        _count = 0;
    }
}
