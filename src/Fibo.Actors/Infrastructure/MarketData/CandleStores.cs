using Fibo.Actors.Domain;
using Microsoft.Data.Sqlite;

namespace Fibo.Actors.Infrastructure.MarketData;

/// <summary>
/// Opens the candle store named by a <c>--db</c> argument: a connection string containing <c>Host=</c> is PostgreSQL,
/// anything else is a SQLite file path (or a <c>Data Source=</c> connection string).
/// </summary>
public static class CandleStores
{
    public static bool IsPostgres(string dbArgument) => dbArgument.Contains("Host=", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The store for <paramref name="dbArgument"/>; its schema is created on first use. With
    /// <paramref name="createIfMissing"/> false a missing SQLite file is an <see cref="InputException"/> instead of a new database.
    /// </summary>
    public static ICandleStore Open(string dbArgument, bool createIfMissing = true)
    {
        if (string.IsNullOrWhiteSpace(dbArgument))
            throw new InputException("no database given: pass a SQLite file path (e.g. --db data/candles.db) or a PostgreSQL connection string (Host=...;Database=...)");
        var arg = dbArgument.Trim();
        if (IsPostgres(arg)) return new PostgresCandleStore(arg);
        if (arg.StartsWith("Data Source=", StringComparison.OrdinalIgnoreCase) || arg.StartsWith("DataSource=", StringComparison.OrdinalIgnoreCase))
            arg = new SqliteConnectionStringBuilder(arg).DataSource;
        return new SqliteCandleStore(arg, createIfMissing);
    }

    /// <summary><see cref="Open"/> and create or check the schema now, so connection problems surface here.</summary>
    public static async Task<ICandleStore> OpenAsync(string dbArgument, bool createIfMissing = true, CancellationToken ct = default)
    {
        var store = Open(dbArgument, createIfMissing);
        try
        {
            await store.InitializeAsync(ct);
            return store;
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }
}
