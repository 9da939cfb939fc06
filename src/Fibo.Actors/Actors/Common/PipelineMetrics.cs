namespace Fibo.Actors.Actors.Common;

/// <summary>
/// Node-wide running totals of the pipeline (one per node, from DI): what the progress displays, the bench and the HTTP
/// inspection read. Writers increment with Interlocked; readers see a consistent-enough picture for monitoring.
/// </summary>
public sealed class PipelineMetrics
{
    private long _candlesWritten, _writeTransactions, _predictions, _predictionBatches, _decisions, _ordersAccepted, _ordersRefused;

    /// <summary>Candle-arrival-at-the-entity → decision done (forecast, executor answers), per candle that had a window.</summary>
    public LatencyHistogram DecisionLatency { get; } = new();

    public long CandlesWritten => Interlocked.Read(ref _candlesWritten);
    public long WriteTransactions => Interlocked.Read(ref _writeTransactions);
    public long Predictions => Interlocked.Read(ref _predictions);
    public long PredictionBatches => Interlocked.Read(ref _predictionBatches);
    public long Decisions => Interlocked.Read(ref _decisions);
    public long OrdersAccepted => Interlocked.Read(ref _ordersAccepted);
    public long OrdersRefused => Interlocked.Read(ref _ordersRefused);

    internal void Written(int rows)
    {
        Interlocked.Add(ref _candlesWritten, rows);
        Interlocked.Increment(ref _writeTransactions);
    }

    internal void Predicted(int windows)
    {
        Interlocked.Add(ref _predictions, windows);
        Interlocked.Increment(ref _predictionBatches);
    }

    internal void Decided(double latencyMicros)
    {
        Interlocked.Increment(ref _decisions);
        DecisionLatency.Record(latencyMicros);
    }

    internal void OrderAnswered(bool accepted) => Interlocked.Increment(ref accepted ? ref _ordersAccepted : ref _ordersRefused);
}
