using Fibo.Actors.Domain.Prediction;
using Fibo.Actors.Domain.Trading;
using Fibo.Messages.MarketData;

namespace Fibo.Actors.Tests.Support;

/// <summary>
/// A feature window of the last <see cref="SequenceLength"/> candles with two features per row: the log return
/// ln(close/previous close), and the candle's open time (so a test forecaster can tell which candle a window ends at).
/// </summary>
internal sealed class LogReturnWindow(int sequenceLength) : IFeatureWindow
{
    private readonly Queue<(double Ret, long Time)> _rows = new();
    private double? _previousClose;

    public int SequenceLength { get; } = sequenceLength;
    public int FeatureCount => 2;

    public bool Push(Candle candle)
    {
        if (_previousClose is { } prev)
        {
            _rows.Enqueue((Math.Log(candle.Close / prev), candle.OpenTime));
            if (_rows.Count > SequenceLength) _rows.Dequeue();
        }
        _previousClose = candle.Close;
        return _rows.Count == SequenceLength;
    }

    public void CopyWindowTo(Span<double> destination)
    {
        var i = 0;
        foreach (var (ret, time) in _rows)
        {
            destination[i++] = ret;
            destination[i++] = time;
        }
    }
}

/// <summary>Always the same forecast.</summary>
internal sealed class ConstantForecaster(int sequenceLength, double ret, double vol = double.NaN) : IForecaster
{
    public int SequenceLength { get; } = sequenceLength;
    public int FeatureCount => 2;
    public int Calls { get; private set; }

    public void Predict(ReadOnlySpan<double> windows, Span<Forecast> results)
    {
        Calls++;
        if (windows.Length != results.Length * SequenceLength * FeatureCount) throw new ArgumentException("window batch has the wrong size");
        results.Fill(new Forecast(ret, vol));
    }
}

/// <summary>
/// Knows the future: predicts the true next log return ln(C[t+1]/C[t]) of the candle the window ends at (read from
/// the window's time feature), so trades and PnL follow from the data alone. The last candle gets 0.
/// </summary>
internal sealed class OracleForecaster : IForecaster
{
    private readonly Dictionary<long, double> _nextReturn = new();

    public OracleForecaster(IReadOnlyList<Candle> candles, int sequenceLength, double vol = 0.002)
    {
        SequenceLength = sequenceLength;
        Volatility = vol;
        for (var i = 0; i + 1 < candles.Count; i++) _nextReturn[candles[i].OpenTime] = Math.Log(candles[i + 1].Close / candles[i].Close);
    }

    public int SequenceLength { get; }
    public int FeatureCount => 2;
    public double Volatility { get; }

    public void Predict(ReadOnlySpan<double> windows, Span<Forecast> results)
    {
        var size = SequenceLength * FeatureCount;
        for (var k = 0; k < results.Length; k++)
        {
            var lastTime = (long)windows[k * size + size - 1];
            results[k] = new Forecast(_nextReturn.GetValueOrDefault(lastTime), Volatility);
        }
    }
}
