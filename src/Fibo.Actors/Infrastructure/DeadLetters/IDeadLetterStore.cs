namespace Fibo.Actors.Infrastructure.DeadLetters;

/// <summary>The dead-letter table. Adding the same (topic, partition, offset) twice keeps the first (redelivery is harmless).</summary>
public interface IDeadLetterStore : IAsyncDisposable
{
    /// <summary>A short description for logs and reports (file path).</summary>
    string Describe { get; }

    /// <summary>Creates the table if missing (idempotent).</summary>
    Task InitializeAsync(CancellationToken ct = default);

    /// <summary>Stores a dead letter durably; returns false when that record was already stored.</summary>
    Task<bool> AddAsync(DeadLetter letter, CancellationToken ct = default);

    /// <summary>The newest dead letters first.</summary>
    Task<IReadOnlyList<DeadLetter>> ListAsync(int limit = 100, CancellationToken ct = default);

    Task<long> CountAsync(CancellationToken ct = default);
}
