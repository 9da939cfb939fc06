namespace Fibo.Actors.Domain.Features.Indicators;

/// <summary>The last N values of a series in a preallocated ring: <c>Ago(k)</c> is xₜ₋ₖ (NaN before the start).</summary>
internal sealed class LagRing
{
    private readonly double[] _ring;
    private long _count;

    public LagRing(int maxLag) => _ring = new double[maxLag + 1];

    public void Push(double x)
    {
        _ring[(int)(_count % _ring.Length)] = x;
        _count++;
    }

    /// <summary>The value k steps back from the newest (k = 0 is the newest).</summary>
    public double Ago(int k) => k < _count ? _ring[(int)((_count - 1 - k) % _ring.Length)] : double.NaN;

    public void Reset() => _count = 0;
}
