using System.Text.RegularExpressions;
using Fibo.Actors.Domain;
using Microsoft.Extensions.Configuration;

namespace Fibo.Actors.Hosting.Options;

/// <summary>
/// The seed's <c>${ENV:NAME}</c> placeholders: a whole value or a part of one is replaced by the environment variable
/// NAME. Unlike the seed (which silently used ""), a missing variable is an error that names the key and the variable.
/// </summary>
public static partial class EnvPlaceholders
{
    /// <summary>Replaces the placeholders in one value; <paramref name="key"/> is only used in the error.</summary>
    public static string Resolve(string key, string value, Func<string, string?> environment)
    {
        if (!value.Contains("${", StringComparison.Ordinal)) return value;
        var missing = new List<string>();
        var result = Placeholder().Replace(value, m =>
        {
            var name = m.Groups["name"].Value;
            var v = environment(name);
            if (v is null) missing.Add(name);
            return v ?? "";
        });
        if (missing.Count > 0)
            throw new InputException(
                $"configuration key {key} uses {string.Join(", ", missing.Select(n => "${ENV:" + n + "}"))}, but the environment " +
                $"variable{(missing.Count > 1 ? "s are" : " is")} not set: set {string.Join(" and ", missing)} or give {key} a value");
        return result;
    }

    /// <summary>The resolved values of every key that holds a placeholder (to lay over the configuration).</summary>
    public static Dictionary<string, string?> ResolveAll(IConfiguration configuration, Func<string, string?> environment)
    {
        var resolved = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in configuration.AsEnumerable())
            if (value is not null && Placeholder().IsMatch(value))
                resolved[key] = Resolve(key, value, environment);
        return resolved;
    }

    [GeneratedRegex(@"\$\{ENV:(?<name>[A-Za-z0-9_]+)\}")]
    private static partial Regex Placeholder();
}
