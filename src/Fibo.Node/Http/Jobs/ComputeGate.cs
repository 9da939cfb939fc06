namespace Fibo.Node.Http.Jobs;

/// <summary>
/// One CPU-heavy request (backtest, audit) at a time: on a small node two of them only slow each other and the
/// pipeline down. Others wait their turn (or give up when their request is cancelled).
/// </summary>
public sealed class ComputeGate : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<T> RunAsync<T>(Func<T> work, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            return await Task.Run(work, ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
