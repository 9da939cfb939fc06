using Fibo.Actors.Hosting.Options;
using Fibo.Actors.Infrastructure.MarketData;

namespace Fibo.Node.Http.MarketData;

/// <summary>
/// The node's candle store (<c>Fibo:Store:ConnectionString</c>) as the API reads it: opened on first use and shared
/// (the stores open a pooled connection per call, so concurrent requests are fine), closed with the node.
/// </summary>
public sealed class NodeCandleStore(FiboOptions options) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ICandleStore? _store;

    public async Task<ICandleStore> GetAsync(CancellationToken ct = default)
    {
        if (_store is { } open) return open;
        await _gate.WaitAsync(ct);
        try
        {
            return _store ??= await CandleStores.OpenAsync(options.Store.ConnectionString, createIfMissing: true, ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_store is not null) await _store.DisposeAsync();
        _gate.Dispose();
    }
}
