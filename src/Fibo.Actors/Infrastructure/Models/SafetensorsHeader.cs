using System.Buffers.Binary;
using System.Text.Json;
using Fibo.Actors.Domain;

namespace Fibo.Actors.Infrastructure.Models;

/// <summary>One tensor entry of a safetensors header.</summary>
public sealed record SafetensorsEntry(string Name, string DType, long[] Shape);

/// <summary>
/// Reads the header of a safetensors file (8-byte little-endian length, then JSON name → {dtype, shape,
/// data_offsets}) without loading any tensor, so the loader can compare names and shapes with the network the meta
/// describes and say exactly what does not fit.
/// </summary>
public static class SafetensorsHeader
{
    private const long MaxHeaderBytes = 100 * 1024 * 1024;

    public static IReadOnlyList<SafetensorsEntry> Read(string path)
    {
        if (!File.Exists(path)) throw new InputException($"{path}: weights file is missing");
        using var stream = File.OpenRead(path);
        Span<byte> lengthBytes = stackalloc byte[8];
        if (stream.Read(lengthBytes) != 8) throw new InputException($"{path}: not a safetensors file (shorter than 8 bytes)");
        var length = BinaryPrimitives.ReadInt64LittleEndian(lengthBytes);
        if (length <= 0 || length > MaxHeaderBytes || length > stream.Length - 8)
            throw new InputException($"{path}: not a safetensors file (header length {length} for a {stream.Length}-byte file)");
        var header = new byte[length];
        stream.ReadExactly(header);
        try
        {
            using var doc = JsonDocument.Parse(header);
            var entries = new List<SafetensorsEntry>();
            foreach (var property in doc.RootElement.EnumerateObject())
            {
                if (property.Name == "__metadata__") continue;
                var dtype = property.Value.GetProperty("dtype").GetString() ?? "";
                var shape = property.Value.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray();
                entries.Add(new SafetensorsEntry(property.Name, dtype, shape));
            }
            return entries;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new InputException($"{path}: safetensors header is not valid JSON of tensors: {e.Message}", e);
        }
    }
}
