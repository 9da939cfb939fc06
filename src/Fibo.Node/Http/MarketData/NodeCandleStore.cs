using Fibo.Actors.Hosting.Options;
using Fibo.Actors.Infrastructure.MarketData;

namespace Fibo.Node.Http.MarketData;

/// <summary>
/// The node's candle store (<c>Fibo:Store:ConnectionString</c>) as the API reads it: the pipeline's own
/// <see cref="ICandleStore"/> when the node runs one (the container owns it), else one opened here on first use and
/// closed with the node. The stores open a pooled connection per call, so concurrent requests are fine.
/// </summary>
public sealed class NodeCandleStore(FiboOptions options, IServiceProvider services) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ICandleStore? _store;
    private bool _owned;

    public async Task<ICandleStore> GetAsync(CancellationToken ct = default)
    {
        if (_store is { } open) return open;
        await _gate.WaitAsync(ct);
        try
        {
            if (_store is not null) return _store;
            if (services.GetService<ICandleStore>() is { } shared)
            {
                await shared.InitializeAsync(ct);
                return _store = shared;
            }
            _owned = true;
            return _store = await CandleStores.OpenAsync(options.Store.ConnectionString, createIfMissing: true, ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_owned && _store is not null) await _store.DisposeAsync();
        _gate.Dispose();
    }
}
