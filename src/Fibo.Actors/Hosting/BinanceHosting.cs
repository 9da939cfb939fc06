using Fibo.Actors.Domain;
using Fibo.Actors.Hosting.Options;
using Fibo.Actors.Infrastructure.Binance;
using Fibo.Actors.Infrastructure.Binance.MarketData;
using Fibo.Actors.Infrastructure.Binance.Rest;
using Fibo.Actors.Infrastructure.Binance.Streams;
using Fibo.Actors.Infrastructure.Binance.Trading;
using Fibo.Actors.Infrastructure.Kafka;
using Fibo.Actors.Infrastructure.MarketData;
using Fibo.Messages.Primitives;
using Fibo.Actors.Infrastructure.Trading;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Serilog;

namespace Fibo.Actors.Hosting;

public static class BinanceHosting
{
    /// <summary>
    /// A node's live trading wiring from configuration, by role (nothing when <c>Fibo:Feed:Source</c> is <c>None</c> and no
    /// account uses <c>Broker = binance</c>):
    /// <list type="bullet">
    /// <item><c>Fibo:Feed:Source = Binance</c>: an ingest node runs the kline WebSocket of <c>Fibo:Feed:Series</c> into the
    /// Kafka candle topic (<see cref="AddBinanceKlineFeed"/>, warm-up history on a fresh store); a compute node's series
    /// entities fill gaps from Binance's REST klines (<see cref="BinanceCandleHistorySource"/>).</item>
    /// <item>Accounts with <c>Broker = binance</c> on a trading node trade through <see cref="BinanceBroker"/> (the
    /// <see cref="BinanceBrokerFactory"/>); they need an API key in the environment, else the node refuses to start with
    /// an error that says how to set one.</item>
    /// </list>
    /// </summary>
    public static IServiceCollection AddFiboLive(this IServiceCollection services, FiboOptions options, BinanceCredentials? credentials = null)
    {
        var roles = options.Node.EffectiveRoles;
        var feed = options.Feed.Source == FeedSource.Binance;
        var binanceAccounts = roles.Contains(FiboRoles.Trading)
            ? options.Trading.EffectiveAccounts.Where(a => string.Equals(a.Broker, BinanceBrokerFactory.BrokerName, StringComparison.OrdinalIgnoreCase)).ToList()
            : [];
        if (!feed && binanceAccounts.Count == 0) return services;

        credentials ??= BinanceCredentials.FromEnvironment();
        if (binanceAccounts.Count > 0 && credentials is null)
            throw new InputException(
                $"account{(binanceAccounts.Count > 1 ? "s" : "")} {string.Join(", ", binanceAccounts.Select(a => a.Id))} trade{(binanceAccounts.Count > 1 ? "" : "s")} " +
                $"with Broker = binance, but no Binance API key is set: export {BinanceCredentials.ApiKeyVariable} and {BinanceCredentials.ApiSecretVariable} " +
                $"(or {BinanceCredentials.SecretsFileVariable} = a JSON file {{\"apiKey\": \"...\", \"apiSecret\": \"...\"}}), or use Broker = paper");
        services.AddFiboBinance(options, credentials);

        if (feed)
        {
            var series = options.Feed.EffectiveSeries(options.Trading);
            if (options.Feed.HistoryBackfill && roles.Contains(FiboRoles.Compute))
                services.TryAddSingleton<ICandleHistorySource>(sp => new BinanceCandleHistorySource(sp.GetRequiredService<BinanceMarketData>()));
            if (roles.Contains(FiboRoles.Ingest))
                services.AddBinanceKlineFeed(options, series, new KlineFeedOptions { WarmupCandles = options.Feed.WarmupCandles });
        }
        if (binanceAccounts.Count > 0)
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IBrokerFactory, BinanceBrokerFactory>(sp =>
                new BinanceBrokerFactory(sp.GetRequiredService<BinanceSpotTrading>(), sp.GetRequiredService<BinanceMarketData>())));
        return services;
    }

    /// <summary>
    /// Registers the Binance client for <c>Fibo:Binance</c>: <see cref="BinanceHttp"/>, <see cref="BinanceMarketData"/>
    /// and, when a key is configured (<c>FIBO_BINANCE_API_KEY</c>/<c>FIBO_BINANCE_API_SECRET</c> or
    /// <c>FIBO_BINANCE_SECRETS_FILE</c>), <see cref="BinanceSpotTrading"/> and the <see cref="BinanceBroker"/>. Resolving
    /// the broker without a key fails with an error that says how to set one.
    /// </summary>
    public static IServiceCollection AddFiboBinance(this IServiceCollection services, FiboOptions options, BinanceCredentials? credentials = null)
    {
        options.Binance.Validate();
        services.AddSingleton(_ => new BinanceHttp(options.Binance, credentials ?? BinanceCredentials.FromEnvironment()));
        services.AddSingleton(sp => new BinanceMarketData(sp.GetRequiredService<BinanceHttp>()));
        services.AddSingleton(sp =>
        {
            var http = sp.GetRequiredService<BinanceHttp>();
            if (!http.HasCredentials) BinanceCredentials.Require(); // throws the "how to set a key" error
            return new BinanceSpotTrading(http);
        });
        services.AddSingleton(sp => new BinanceBroker(sp.GetRequiredService<BinanceSpotTrading>(), sp.GetRequiredService<BinanceMarketData>()));
        return services;
    }

    /// <summary>
    /// Runs the kline WebSocket feed of <paramref name="series"/> for the life of the host, publishing closed candles to the
    /// Kafka candle topic (<see cref="AddFiboKafka"/> must be registered). It resumes after the newest candle of each series
    /// in the candle store (<c>Fibo:Store</c>), so a restart backfills what closed while the node was down.
    /// </summary>
    public static IServiceCollection AddBinanceKlineFeed(this IServiceCollection services, FiboOptions options, IReadOnlyCollection<SeriesKey> series,
        KlineFeedOptions? feed = null)
    {
        if (series.Count == 0) throw new InputException("the Binance kline feed needs at least one series (e.g. ETH_BTC-5m)");
        services.AddSingleton(sp =>
        {
            var endpoint = sp.GetRequiredService<KafkaEndpoint>();
            return new CandleKafkaProducer(endpoint.BootstrapServers, options.Kafka.Topic);
        });
        services.AddSingleton(sp =>
        {
            IReadOnlyDictionary<SeriesKey, long> resume;
            var store = CandleStores.Open(options.Store.ConnectionString);
            try
            {
                resume = BinanceKlineFeed.ResumePointsAsync(store, series).GetAwaiter().GetResult();
            }
            finally
            {
                store.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
            return new BinanceKlineFeed(options.Binance, series, new KafkaCandleSink(sp.GetRequiredService<CandleKafkaProducer>()),
                sp.GetRequiredService<BinanceMarketData>(), feed, resume);
        });
        services.AddSingleton<IHostedService>(sp => new BinanceKlineFeedService(sp.GetRequiredService<BinanceKlineFeed>(), Log.ForContext<BinanceKlineFeedService>()));
        return services;
    }
}
