namespace Fibo.Actors.Hosting.Options;

/// <summary>What the predictor serves.</summary>
public enum ForecasterKind
{
    /// <summary>The LSTM promoted in the model registry (hot-reloaded when another version is promoted).</summary>
    Lstm,
    /// <summary>No LSTM: the persistence forecast (the last one-bar log return of the window), the naive baseline.</summary>
    Persistence,
}

/// <summary>Section <c>Fibo:Pipeline</c>: batching and restart settings of the series, writer, predictor and ingest actors.</summary>
public sealed class PipelineOptions
{
    public ForecasterKind Forecaster { get; set; } = ForecasterKind.Lstm;

    /// <summary>Window length of the persistence forecaster (v2 features), so its feature work matches an LSTM's.</summary>
    public int PersistenceSeqLen { get; set; } = 32;

    /// <summary>At most this many Kafka records per batch of the ingest stage (one ask per series per batch).</summary>
    public int IngestBatchMax { get; set; } = 128;

    /// <summary>Candles a series entity reads back from the store on start to warm its features up.</summary>
    public int WarmupCandles { get; set; } = 600;

    /// <summary>At most this many candles per store transaction (the writer groups what arrives while it writes).</summary>
    public int WriteBatchMaxRows { get; set; } = 2_000;

    /// <summary>At most this many windows per forward pass.</summary>
    public int PredictBatchMax { get; set; } = 256;

    /// <summary>How long the predictor collects requests before a forward; 0 batches what is already queued.</summary>
    public int PredictBatchWaitMs { get; set; }

    /// <summary>Candles a series keeps waiting for their decision before it stops taking new ones (backpressure).</summary>
    public int MaxPendingDecisions { get; set; } = 64;

    /// <summary>How long a series waits for a forecast before it skips that candle's decision.</summary>
    public int PredictTimeoutMs { get; set; } = 10_000;

    /// <summary>Restart backoff of a failed series entity or executor (doubling from min to max).</summary>
    public int EntityBackoffMinMs { get; set; } = 200;
    public int EntityBackoffMaxMs { get; set; } = 10_000;

    /// <summary>Restart backoff of the Kafka ingest stream after it failed.</summary>
    public int IngestBackoffMinMs { get; set; } = 500;
    public int IngestBackoffMaxMs { get; set; } = 30_000;

    /// <summary>How often the predictor checks the registry's promoted version (a file watcher reacts sooner).</summary>
    public int ModelPollMs { get; set; } = 5_000;
}
