using Microsoft.Extensions.Hosting;
using Serilog;

namespace Fibo.Actors.Infrastructure.Binance.Streams;

/// <summary>
/// Runs a <see cref="BinanceKlineFeed"/> for the life of a host (a node's market-data role). The feed itself never
/// gives up; stopping the host stops it.
/// </summary>
public sealed class BinanceKlineFeedService(BinanceKlineFeed feed, ILogger? log = null) : BackgroundService
{
    public BinanceKlineFeed Feed { get; } = feed;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Feed.RunAsync(stoppingToken);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            (log ?? Log.ForContext<BinanceKlineFeedService>()).Error(e, "Binance kline feed stopped unexpectedly");
            throw;
        }
    }
}
