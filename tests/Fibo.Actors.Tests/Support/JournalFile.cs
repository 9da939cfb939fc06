using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Fibo.Actors.Tests.Support;

/// <summary>Reads an Akka.Persistence.Sql SQLite journal file directly: what was really written, in order.</summary>
public static class JournalFile
{
    public sealed record Row(string PersistenceId, long SequenceNr, string Manifest, JsonElement Event);

    public static List<Row> Read(string path, string persistenceId)
    {
        var rows = new List<Row>();
        if (!File.Exists(path)) return rows;
        using var c = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT count(*) FROM sqlite_master WHERE name = 'journal'";
        if ((long)cmd.ExecuteScalar()! == 0) return rows;
        cmd.CommandText = "SELECT persistence_id, sequence_number, manifest, message FROM journal WHERE persistence_id = $id ORDER BY sequence_number";
        cmd.Parameters.AddWithValue("$id", persistenceId);
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            using var doc = JsonDocument.Parse((byte[])r[3]);
            rows.Add(new Row(r.GetString(0), r.GetInt64(1), r.GetString(2), doc.RootElement.Clone()));
        }
        return rows;
    }

    /// <summary>Client order ids with the number of times each was marked submitted (sent to a broker).</summary>
    public static Dictionary<string, int> Submissions(IEnumerable<Row> rows) =>
        rows.Where(r => r.Manifest == "order-submitted.v1")
            .GroupBy(r => r.Event.GetProperty("clientOrderId").GetString()!)
            .ToDictionary(g => g.Key, g => g.Count());
}
