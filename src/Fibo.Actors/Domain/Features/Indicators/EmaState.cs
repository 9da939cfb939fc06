namespace Fibo.Actors.Domain.Features.Indicators;

/// <summary>
/// pandas <c>ewm(span, adjust=False).mean()</c> as a running state, written as pandas' loop computes it:
/// avg = (oldWt·avg + α·x) / (oldWt + α) with oldWt = (1 − α) after an observation (decayed again per missing value),
/// the first observation seeds the average, and the update is skipped when avg already equals x (pandas' guard for
/// constant series). Used by both the batch and the streaming code, so both are bit-identical.
/// </summary>
internal struct EmaState
{
    private readonly double _alpha;
    private double _avg;
    private double _oldWt;

    public EmaState(int span)
    {
        _alpha = FeatureMath.EmaAlpha(span);
        _avg = double.NaN;
        _oldWt = 1.0;
    }

    public readonly double Value => _avg;

    public double Push(double x)
    {
        if (double.IsNaN(_avg))
        {
            if (!double.IsNaN(x)) { _avg = x; _oldWt = 1.0; }
            return _avg;
        }
        _oldWt *= 1.0 - _alpha;
        if (double.IsNaN(x)) return _avg;
        if (_avg != x) _avg = (_oldWt * _avg + _alpha * x) / (_oldWt + _alpha);
        _oldWt = 1.0;
        return _avg;
    }

    public void Reset()
    {
        _avg = double.NaN;
        _oldWt = 1.0;
    }
}
