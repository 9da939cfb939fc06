using static TorchSharp.torch;

namespace Fibo.Actors.Domain.Prediction;

/// <summary>
/// Process-wide libtorch settings, applied once. One intra-op thread: on 2 cores two threads made batch-1 inference
/// 2.3× slower and did not speed up training (performance notes §4.1); parallelism comes from actors and batching.
/// </summary>
public static class TorchRuntime
{
    private static int _initialized;

    /// <summary>
    /// Guards libtorch's global CPU generator, which weight initialisation and LSTM dropout draw from (neither takes a
    /// generator argument). Network construction and every seeded training step hold it (re-entrant monitor).
    /// </summary>
    internal static readonly object GlobalGeneratorGate = new();

    public static void EnsureInitialized()
    {
        if (Interlocked.Exchange(ref _initialized, 1) == 0) set_num_threads(1);
    }
}

/// <summary>
/// A private random stream on top of libtorch's global generator: seeded once, and its state is put into the global
/// generator before each step and taken back after it, under the gate. A seeded training therefore draws the same
/// numbers however other code in the process (other trainings, model loading) uses the generator meanwhile.
/// </summary>
internal sealed class TorchRandomStream : IDisposable
{
    private Tensor _state;

    public TorchRandomStream(long seed)
    {
        lock (TorchRuntime.GlobalGeneratorGate)
        {
            manual_seed(seed);
            _state = random.get_rng_state().DetachFromDisposeScope();
        }
    }

    public T Run<T>(Func<T> step)
    {
        lock (TorchRuntime.GlobalGeneratorGate)
        {
            random.set_rng_state(_state);
            try
            {
                return step();
            }
            finally
            {
                var next = random.get_rng_state().DetachFromDisposeScope();
                _state.Dispose();
                _state = next;
            }
        }
    }

    public void Dispose() => _state.Dispose();
}
