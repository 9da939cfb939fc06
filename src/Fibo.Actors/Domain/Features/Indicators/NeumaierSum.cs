namespace Fibo.Actors.Domain.Features.Indicators;

/// <summary>Neumaier (improved Kahan) compensated sum: the rounding error of each add is carried separately.</summary>
internal struct NeumaierSum
{
    private double _sum;
    private double _compensation;

    public readonly double Value => _sum + _compensation;

    public void Add(double x)
    {
        double t = _sum + x;
        if (Math.Abs(_sum) >= Math.Abs(x)) _compensation += (_sum - t) + x;
        else _compensation += (x - t) + _sum;
        _sum = t;
    }

    public void Clear()
    {
        _sum = 0;
        _compensation = 0;
    }
}
