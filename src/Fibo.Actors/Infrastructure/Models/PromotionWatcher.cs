namespace Fibo.Actors.Infrastructure.Models;

/// <summary>
/// Tells a predictor when the registry's promoted version changes, so it can load the new snapshot and swap it in
/// without a restart. A file-system watcher gives the fast path; a poll every <c>pollInterval</c> catches what
/// watchers miss (network file systems, a registry directory created later). The callback runs on a thread-pool
/// thread, at most once per change, never concurrently with itself.
/// </summary>
public sealed class PromotionWatcher : IDisposable
{
    private readonly ModelRegistry _registry;
    private readonly Action<string?> _onChange;
    private readonly Lock _gate = new();
    private readonly Timer _timer;
    private FileSystemWatcher? _watcher;
    private string? _last;
    private bool _reported; // false until the first callback when notifyCurrent asks for the current version too
    private bool _disposed;

    /// <param name="onChange">Called with the new promoted version (null when the pointer was removed).</param>
    /// <param name="notifyCurrent">Also call back right away with the version promoted now.</param>
    public PromotionWatcher(ModelRegistry registry, Action<string?> onChange, TimeSpan pollInterval, bool notifyCurrent = false)
    {
        _registry = registry;
        _onChange = onChange;
        _last = registry.PromotedVersion();
        _reported = !notifyCurrent;
        lock (_gate)
        {
            _timer = new Timer(_ => Check(), null, notifyCurrent ? TimeSpan.Zero : pollInterval, pollInterval);
            TryWatch();
        }
    }

    /// <summary>Checks the pointer now (also what the timer and the watcher do).</summary>
    public void Check()
    {
        lock (_gate)
        {
            if (_disposed) return;
            if (_watcher is null) TryWatch();
            var current = _registry.PromotedVersion();
            if (_reported && current == _last) return;
            _last = current;
            _reported = true;
            _onChange(current);
        }
    }

    private void TryWatch()
    {
        if (!Directory.Exists(_registry.Root)) return;
        try
        {
            var watcher = new FileSystemWatcher(_registry.Root, ModelRegistry.PromotedFileName)
            {
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.CreationTime,
            };
            watcher.Changed += (_, _) => ThreadPool.QueueUserWorkItem(_ => Check());
            watcher.Created += (_, _) => ThreadPool.QueueUserWorkItem(_ => Check());
            watcher.Renamed += (_, _) => ThreadPool.QueueUserWorkItem(_ => Check());
            watcher.Deleted += (_, _) => ThreadPool.QueueUserWorkItem(_ => Check());
            watcher.EnableRaisingEvents = true;
            _watcher = watcher;
        }
        catch (Exception e) when (e is IOException or ArgumentException or PlatformNotSupportedException)
        {
            // No watcher (e.g. inotify limit reached): polling alone still works.
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _timer.Dispose();
            _watcher?.Dispose();
        }
    }
}
