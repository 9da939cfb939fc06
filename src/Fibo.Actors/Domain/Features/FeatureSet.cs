using System.Security.Cryptography;
using System.Text;

namespace Fibo.Actors.Domain.Features;

/// <summary>
/// A named, versioned feature set (the seed's registry entry): ordered columns, warm-up and factories for the batch
/// and streaming implementations.
/// </summary>
public sealed class FeatureSet
{
    private readonly Func<FeatureSet, IBatchFeatures> _batch;
    private readonly Func<FeatureSet, IStreamingFeatures> _streaming;
    private readonly Dictionary<string, int> _index;

    internal FeatureSet(string name, string version, string description, IReadOnlyList<string> columns, int warmUp,
        Func<FeatureSet, IBatchFeatures> batch, Func<FeatureSet, IStreamingFeatures> streaming)
    {
        Name = name;
        Version = version;
        Description = description;
        Columns = columns;
        WarmUp = warmUp;
        _batch = batch;
        _streaming = streaming;
        _index = columns.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
        SchemaHash = ComputeSchemaHash(columns);
    }

    /// <summary>"v1" or "v2".</summary>
    public string Name { get; }

    /// <summary>The seed's version string ("1.0", "2.0").</summary>
    public string Version { get; }

    public string Description { get; }

    /// <summary>The model's feature columns in order (what a model meta's <c>feature_cols</c> lists).</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>
    /// Rows that are always incomplete at the start of a series (49 for v1 and v2: the 50-bar Fibonacci max/min).
    /// The first complete row is at index <see cref="WarmUp"/>, so a streaming consumer needs WarmUp + 1 candles.
    /// </summary>
    public int WarmUp { get; }

    /// <summary>SHA-256 (hex, lower case) of the ordered column names joined by ',' — for model manifests.</summary>
    public string SchemaHash { get; }

    public int IndexOf(string column) => _index.TryGetValue(column, out var i) ? i : -1;

    public IBatchFeatures CreateBatch() => _batch(this);

    public IStreamingFeatures CreateStreaming() => _streaming(this);

    public override string ToString() => $"{Name} ({Version}, {Columns.Count} columns)";

    public static string ComputeSchemaHash(IEnumerable<string> columns) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join(",", columns))));
}
