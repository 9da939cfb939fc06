using Akka.Configuration;
using Akka.Hosting;
using Akka.Persistence.Hosting;
using Akka.Persistence.Sql.Hosting;
using Fibo.Actors.Hosting.Options;
using LinqToDB;
using Microsoft.Data.Sqlite;

namespace Fibo.Actors.Hosting;

public static class PersistenceHosting
{
    /// <summary>
    /// The journal and snapshot store: Akka.Persistence.Sql on SQLite (<c>SQLite.MS</c>, one writer) by default, on
    /// PostgreSQL (<c>PostgreSQL.15</c>) for a cluster, or in memory. Tables are created on first use.
    /// </summary>
    public static AkkaConfigurationBuilder WithFiboPersistence(this AkkaConfigurationBuilder builder, FiboOptions options)
    {
        var p = options.Persistence;
        switch (p.Provider)
        {
            case PersistenceProvider.InMemory:
                return builder.WithInMemoryJournal().WithInMemorySnapshotStore();

            case PersistenceProvider.Sqlite:
                EnsureSqliteDirectory(p.ConnectionString);
                EnsureSqliteDirectory(p.EffectiveSnapshotConnectionString);
                Sql(builder, p.ConnectionString, p.EffectiveSnapshotConnectionString, ProviderName.SQLiteMS, schema: null);
                // SQLite has a single writer even in WAL mode: concurrent journal writers only fight over the lock.
                return builder.AddHocon(ConfigurationFactory.ParseString("akka.persistence.journal.sql.parallelism = 1"), HoconAddMode.Prepend);

            case PersistenceProvider.Postgres:
                return Sql(builder, p.ConnectionString, p.EffectiveSnapshotConnectionString, ProviderName.PostgreSQL15, p.Schema);

            default:
                throw new ArgumentOutOfRangeException(nameof(options), p.Provider, "unknown persistence provider");
        }
    }

    private static AkkaConfigurationBuilder Sql(AkkaConfigurationBuilder builder, string journal, string snapshots, string provider, string? schema)
    {
        if (snapshots == journal)
            return builder.WithSqlPersistence(journal, provider, PersistenceMode.Both, schemaName: schema);
        return builder
            .WithSqlPersistence(journal, provider, PersistenceMode.Journal, schemaName: schema)
            .WithSqlPersistence(snapshots, provider, PersistenceMode.SnapshotStore, schemaName: schema);
    }

    /// <summary>SQLite creates the file but not its directory.</summary>
    internal static void EnsureSqliteDirectory(string connectionString)
    {
        var source = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (string.IsNullOrEmpty(source) || source == ":memory:" || source.StartsWith("file:", StringComparison.OrdinalIgnoreCase)) return;
        var dir = Path.GetDirectoryName(Path.GetFullPath(source));
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
    }
}
