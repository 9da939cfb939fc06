using System.Collections;
using Microsoft.Extensions.Configuration;

namespace Fibo.Actors.Hosting.Options;

/// <summary>
/// Builds a node's configuration: <c>appsettings.json</c> (+ <c>appsettings.{Environment}.json</c>), then environment
/// variables (<c>Fibo__Kafka__Topic</c>), then command-line arguments (<c>--Fibo:Kafka:Topic=x</c>), later sources winning;
/// finally every <c>${ENV:NAME}</c> placeholder is replaced by that environment variable (SEED-SPEC §9).
/// </summary>
public static class FiboConfiguration
{
    /// <param name="args">Command-line overrides (<c>--Key=Value</c>, <c>--Key Value</c> or <c>Key=Value</c>).</param>
    /// <param name="basePath">Directory of appsettings.json (default: the application's directory).</param>
    /// <param name="environmentName">Loads appsettings.{name}.json too (default: DOTNET_ENVIRONMENT / ASPNETCORE_ENVIRONMENT).</param>
    /// <param name="environment">Environment variables (default: the process's); tests pass their own.</param>
    public static IConfigurationRoot Build(string[]? args = null, string? basePath = null, string? environmentName = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var env = environment ?? ProcessEnvironment();
        environmentName ??= env.GetValueOrDefault("DOTNET_ENVIRONMENT") ?? env.GetValueOrDefault("ASPNETCORE_ENVIRONMENT");

        var builder = new ConfigurationBuilder()
            .SetBasePath(basePath ?? AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true, reloadOnChange: false);
        if (!string.IsNullOrWhiteSpace(environmentName))
            builder.AddJsonFile($"appsettings.{environmentName}.json", optional: true, reloadOnChange: false);
        builder.AddInMemoryCollection(env.Select(kv => KeyValuePair.Create(kv.Key.Replace("__", ":"), (string?)kv.Value)));
        if (args is { Length: > 0 }) builder.AddCommandLine(args);
        var raw = builder.Build();

        var resolved = EnvPlaceholders.ResolveAll(raw, name => env.GetValueOrDefault(name));
        if (resolved.Count > 0) builder.AddInMemoryCollection(resolved);
        return builder.Build();
    }

    private static Dictionary<string, string> ProcessEnvironment() =>
        Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "", StringComparer.Ordinal);
}
