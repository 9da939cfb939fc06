namespace Fibo.Actors.Hosting.Options;

/// <summary>Where the Akka journal and snapshots live.</summary>
public enum PersistenceProvider
{
    /// <summary>SQLite files (one node only: a file cannot be shared by several nodes).</summary>
    Sqlite,
    /// <summary>PostgreSQL 15+ (a cluster: every node shares one journal).</summary>
    Postgres,
    /// <summary>In memory, lost at exit (tests and throwaway runs).</summary>
    InMemory,
}

/// <summary>Section <c>Fibo:Persistence</c>: the Akka.Persistence journal and snapshot store.</summary>
public sealed class PersistenceOptions
{
    public PersistenceProvider Provider { get; set; } = PersistenceProvider.Sqlite;

    /// <summary>Journal connection string (Microsoft.Data.Sqlite or Npgsql keywords).</summary>
    public string ConnectionString { get; set; } = "Data Source=data/fibo-journal.db";

    /// <summary>
    /// Snapshot store connection string; null means the provider's default (<see cref="EffectiveSnapshotConnectionString"/>):
    /// for SQLite a separate file (it keeps snapshot writes from contending with journal writes for the single SQLite
    /// writer lock), for PostgreSQL the journal's database.
    /// </summary>
    public string? SnapshotConnectionString { get; set; }

    /// <summary>The SQLite snapshot file used when <see cref="SnapshotConnectionString"/> is not set.</summary>
    public const string DefaultSqliteSnapshots = "Data Source=data/fibo-snapshots.db";

    /// <summary>The snapshot store's connection string in effect for <see cref="Provider"/>.</summary>
    public string EffectiveSnapshotConnectionString => SnapshotConnectionString ?? (Provider == PersistenceProvider.Sqlite ? DefaultSqliteSnapshots : ConnectionString);

    /// <summary>PostgreSQL schema for the journal tables (null: the connection's default, usually public).</summary>
    public string? Schema { get; set; }
}
