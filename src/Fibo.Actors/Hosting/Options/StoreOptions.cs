namespace Fibo.Actors.Hosting.Options;

/// <summary>Which database engine a store uses.</summary>
public enum StoreProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Section <c>Fibo:Store</c>: the candle database (seed <c>ohlcv</c> table) and the dead-letter table.</summary>
public sealed class StoreOptions
{
    public StoreProvider Provider { get; set; } = StoreProvider.Sqlite;

    /// <summary>Candle store connection string (Microsoft.Data.Sqlite or Npgsql keywords).</summary>
    public string ConnectionString { get; set; } = "Data Source=data/fibo-candles.db";

    /// <summary>SQLite file for Kafka records that could not be ingested (poison messages), with offset and reason.</summary>
    public string DeadLetterConnectionString { get; set; } = "Data Source=data/fibo-dead-letters.db";
}
