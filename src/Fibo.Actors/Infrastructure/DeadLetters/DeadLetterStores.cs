using Fibo.Actors.Infrastructure.MarketData;

namespace Fibo.Actors.Infrastructure.DeadLetters;

/// <summary>
/// Opens the dead-letter store named by <c>Fibo:Store:DeadLetterConnectionString</c>, the way <see cref="CandleStores.Open"/>
/// picks the candle store: a connection string with <c>Host=</c> is PostgreSQL, anything else a SQLite file.
/// </summary>
public static class DeadLetterStores
{
    public static IDeadLetterStore Open(string connectionString)
    {
        // The SQLite store creates its file's directory when it first opens.
        return CandleStores.IsPostgres(connectionString) ? new PostgresDeadLetterStore(connectionString) : new SqliteDeadLetterStore(connectionString);
    }
}
