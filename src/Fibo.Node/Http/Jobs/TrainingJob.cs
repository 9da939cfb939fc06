using Fibo.Node.Http.Contracts;

namespace Fibo.Node.Http.Jobs;

/// <summary>The mutable state of one training run, read by polling requests while the run writes it (under a lock).</summary>
internal sealed class TrainingJob(string id, TrainingRequest request)
{
    private readonly object _lock = new();
    private readonly List<EpochView> _epochs = [];
    private string _state = "queued";
    private string? _message;
    private string? _version;
    private bool _promoted;
    private DateTimeOffset? _finishedAt;

    public string Id { get; } = id;
    public TrainingRequest Request { get; } = request;
    public DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow;
    public CancellationTokenSource Cancellation { get; } = new();

    public bool IsFinished { get { lock (_lock) return _finishedAt is not null; } }

    public void Phase(string state, string message)
    {
        lock (_lock)
        {
            _state = state;
            _message = message;
        }
    }

    public void Epoch(EpochView epoch)
    {
        lock (_lock) _epochs.Add(epoch);
    }

    public void Finish(string state, string message, string? version = null, bool promoted = false)
    {
        lock (_lock)
        {
            _state = state;
            _message = message;
            _version = version;
            _promoted = promoted;
            _finishedAt = DateTimeOffset.UtcNow;
        }
    }

    public TrainingJobView View()
    {
        lock (_lock)
            return new TrainingJobView(Id, Request.Series, _state, _message, Request.Epochs, _epochs.ToList(), _version, _promoted, StartedAt, _finishedAt);
    }
}
