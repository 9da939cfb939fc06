using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Fibo.Actors.Domain;

namespace Fibo.Actors.Infrastructure.Models;

/// <summary>JSON settings of the artifact files (snake_case like the seed's meta.json) and reading with clear errors.</summary>
public static class ArtifactJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static T Read<T>(string path, string what)
    {
        if (!File.Exists(path)) throw new InputException($"{path}: {what} is missing");
        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllText(path), Options)
                   ?? throw new InputException($"{path}: {what} is empty (null)");
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" at line {line + 1}" : "";
            throw new InputException($"{path}: {what} is not valid{where}: {e.Message}", e);
        }
    }

    /// <summary>Writes through a temporary file and a rename, so a reader never sees half a file.</summary>
    public static void Write<T>(string path, T value) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(value, Options));
}

/// <summary>Whole-file replacement by write-to-temp then rename (atomic on one file system).</summary>
public static class AtomicFile
{
    public static void WriteAllText(string path, string text)
    {
        var temp = path + ".tmp-" + Guid.NewGuid().ToString("N");
        File.WriteAllText(temp, text);
        File.Move(temp, path, overwrite: true);
    }
}
