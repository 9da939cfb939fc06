namespace Fibo.Actors.Hosting.Options;

/// <summary>
/// Everything a Fibo node is configured with: section <c>Fibo</c> of appsettings.json, overridden by environment variables
/// (<c>Fibo__Kafka__BootstrapServers</c>) and command-line arguments (<c>--Fibo:Kafka:BootstrapServers=host:9092</c>).
/// Values may use the seed's <c>${ENV:NAME}</c> placeholders. The defaults run on a laptop with no services: a cluster of
/// one, SQLite files under <c>data/</c>, and the embedded Kafka mock cluster. Load with <see cref="FiboOptionsLoader"/>.
/// </summary>
public sealed class FiboOptions
{
    public const string Section = "Fibo";

    public NodeOptions Node { get; set; } = new();
    public PersistenceOptions Persistence { get; set; } = new();
    public KafkaOptions Kafka { get; set; } = new();
    public StoreOptions Store { get; set; } = new();
    public ModelsOptions Models { get; set; } = new();
    public HttpOptions Http { get; set; } = new();
    public LoggingOptions Logging { get; set; } = new();

    /// <summary>Binance endpoints (real exchange by default; the spot testnet or a local simulator by URL).</summary>
    public Infrastructure.Binance.BinanceOptions Binance { get; set; } = new();
    /// <summary>The live market feed (none by default; <c>Binance</c> for the kline WebSocket).</summary>
    public FeedOptions Feed { get; set; } = new();
    public TradingOptions Trading { get; set; } = new();
    public PipelineOptions Pipeline { get; set; } = new();
}
