using System.Globalization;
using System.Text.RegularExpressions;
using Fibo.Actors.Domain;
using Fibo.Actors.Domain.Prediction;

namespace Fibo.Actors.Infrastructure.Models;

/// <summary>One version in the registry. <see cref="Meta"/> is null and <see cref="Error"/> says why when its meta.json is unreadable.</summary>
public sealed record ModelVersionInfo(string Version, string Directory, ModelMeta? Meta, string? Error, bool Promoted)
{
    public string? Series => Meta?.Data?.Series;
}

/// <summary>
/// The model registry: a directory with one sub-directory per model version (<see cref="ModelArtifact"/>) and a
/// <c>promoted</c> file naming the version predictors should serve. Hidden directories (partial writes) are ignored.
/// </summary>
public sealed partial class ModelRegistry(string root)
{
    public const string PromotedFileName = "promoted";

    public string Root { get; } = Path.GetFullPath(root);

    public string PromotedFile => Path.Combine(Root, PromotedFileName);

    public string PathOf(string version) => Path.Combine(Root, version);

    /// <summary>A fresh version name "&lt;label&gt;.&lt;UTC time&gt;" (e.g. ETH_BTC-5m.20250101T120000Z), unique in this registry.</summary>
    public string NewVersionName(string label, DateTimeOffset created)
    {
        var clean = UnsafeChars().Replace(label, "_").Trim('.', '_');
        if (clean.Length == 0) clean = "model";
        var name = $"{clean}.{created.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}";
        var candidate = name;
        for (var i = 2; Directory.Exists(PathOf(candidate)); i++) candidate = $"{name}-{i}";
        return candidate;
    }

    /// <summary>Every version, oldest first (by meta.created, then name).</summary>
    public IReadOnlyList<ModelVersionInfo> List()
    {
        if (!Directory.Exists(Root)) return [];
        var promoted = PromotedVersion();
        return Directory.EnumerateDirectories(Root)
            .Where(d => !Path.GetFileName(d).StartsWith('.'))
            .Where(d => File.Exists(Path.Combine(d, ModelArtifact.MetaFileName)))
            .Select(d => Describe(d, promoted))
            .OrderBy(v => v.Meta?.Created ?? DateTimeOffset.MinValue)
            .ThenBy(v => v.Version, StringComparer.Ordinal)
            .ToList();
    }

    public ModelVersionInfo Show(string version)
    {
        var dir = PathOf(RequireName(version));
        if (!File.Exists(Path.Combine(dir, ModelArtifact.MetaFileName)))
            throw new InputException($"model version '{version}' not found in {Root} (see 'fibo model list --models {Root}')");
        return Describe(dir, PromotedVersion());
    }

    /// <summary>The newest readable version trained on <paramref name="series"/>, or null.</summary>
    public ModelVersionInfo? LatestFor(string series) =>
        List().LastOrDefault(v => v.Meta is not null && string.Equals(v.Series, series, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Points <c>promoted</c> at a version after loading it fully (so only a valid model is ever promoted). The pointer
    /// is replaced atomically; watchers pick it up.
    /// </summary>
    public ModelVersionInfo Promote(string version)
    {
        var info = Show(version);
        using (ModelArtifact.Load(info.Directory)) { }
        AtomicFile.WriteAllText(PromotedFile, info.Version + "\n");
        return info with { Promoted = true };
    }

    /// <summary>The promoted version's name, or null when nothing is promoted.</summary>
    public string? PromotedVersion()
    {
        try
        {
            var text = File.Exists(PromotedFile) ? File.ReadAllText(PromotedFile).Trim() : "";
            return text.Length == 0 ? null : text;
        }
        catch (IOException)
        {
            return null; // being replaced right now; the next poll sees the new one
        }
    }

    /// <summary>Loads the promoted version, or null when nothing is promoted.</summary>
    public ModelSnapshot? LoadPromoted()
    {
        var version = PromotedVersion();
        return version is null ? null : ModelArtifact.Load(PathOf(RequireName(version)));
    }

    /// <summary>Resolves "a version name or a directory" as the CLI accepts it.</summary>
    public static string ResolveDirectory(string modelArgument, string? registryRoot)
    {
        if (Directory.Exists(modelArgument)) return Path.GetFullPath(modelArgument);
        if (registryRoot is not null && Directory.Exists(Path.Combine(registryRoot, modelArgument))) return Path.GetFullPath(Path.Combine(registryRoot, modelArgument));
        throw new InputException($"model '{modelArgument}' is neither a directory nor a version in {registryRoot ?? "(no registry given)"}");
    }

    private static ModelVersionInfo Describe(string dir, string? promoted)
    {
        var version = Path.GetFileName(dir);
        try
        {
            return new ModelVersionInfo(version, dir, ModelArtifact.ReadMeta(dir), null, version == promoted);
        }
        catch (InputException e)
        {
            return new ModelVersionInfo(version, dir, null, e.Message, version == promoted);
        }
    }

    private static string RequireName(string version)
    {
        if (string.IsNullOrWhiteSpace(version) || version.Contains('/') || version.Contains('\\') || version.StartsWith('.'))
            throw new InputException($"'{version}' is not a model version name (a directory name inside the registry)");
        return version;
    }

    [GeneratedRegex(@"[^A-Za-z0-9_.\-]")]
    private static partial Regex UnsafeChars();
}
