namespace Fibo.Actors.Domain.Prediction;

/// <summary>
/// Holds the current <see cref="ModelSnapshot"/> and replaces it atomically (hot reload). Readers take
/// <see cref="Current"/> once per batch and use that snapshot throughout. <see cref="Swap"/> returns the old
/// snapshot; its owner disposes it once no prediction uses it any more (immediately in a single-threaded actor).
/// </summary>
public sealed class ModelSlot : IDisposable
{
    private ModelSnapshot? _current;

    public ModelSnapshot? Current => Volatile.Read(ref _current);

    public ModelSnapshot? Swap(ModelSnapshot? next) => Interlocked.Exchange(ref _current, next);

    public void Dispose() => Swap(null)?.Dispose();
}
