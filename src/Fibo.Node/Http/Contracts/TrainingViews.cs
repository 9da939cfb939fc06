namespace Fibo.Node.Http.Contracts;

/// <summary>
/// <c>POST /api/training</c>: train a model on a series of the node's candle store, with the <c>fibo train</c> options
/// (defaults as there, except fewer epochs for an interactive run).
/// </summary>
public sealed class TrainingRequest
{
    public string Series { get; init; } = "";
    public string Set { get; init; } = "v2";
    public int SeqLen { get; init; } = 32;
    public int Horizon { get; init; } = 1;
    public int Epochs { get; init; } = 10;
    public int Hidden { get; init; } = 64;
    public int Layers { get; init; } = 2;
    public double Dropout { get; init; } = 0.1;
    public int BatchSize { get; init; } = 64;
    public double LearningRate { get; init; } = 1e-3;
    public int Patience { get; init; } = 10;
    public int Seed { get; init; } = 42;
    public bool Promote { get; init; }
    /// <summary>Version label (default: the series key); the version is LABEL.&lt;UTC time&gt;.</summary>
    public string? Name { get; init; }
}

/// <summary>One finished epoch of a running training.</summary>
public sealed record EpochView(int Epoch, double TrainLoss, double ValLoss, double ValDirectionalAccuracy);

/// <summary>A training job: its phase (queued, loading, training, saving, succeeded, failed, cancelled), progress and outcome.</summary>
public sealed record TrainingJobView(
    string Id,
    string Series,
    string State,
    string? Message,
    int EpochsRequested,
    IReadOnlyList<EpochView> Epochs,
    string? Version,
    bool Promoted,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt);

/// <summary><c>GET /api/training</c>: the running or last job (null before the first one).</summary>
public sealed record TrainingStatusView(TrainingJobView? Job);
