using Fibo.Actors.Domain;
using Fibo.Actors.Hosting.Options;
using Microsoft.Extensions.Configuration;

namespace Fibo.Node.Cli.Inspect;

/// <summary>
/// Which node an inspection verb talks to: the address given first (<c>fibo 10.0.0.5:8080 cluster show</c>, i.e.
/// <c>--node</c>), else <c>Fibo:Http:Host</c>/<c>Port</c> from appsettings.json and the environment (default 127.0.0.1:8080).
/// </summary>
internal static class NodeEndpoint
{
    public static Uri Resolve(string? node)
    {
        var text = string.IsNullOrWhiteSpace(node) ? FromConfiguration() : node.Trim();
        if (!text.Contains("://", StringComparison.Ordinal)) text = "http://" + text;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || string.IsNullOrEmpty(uri.Host))
            throw new InputException($"'{node}' is not a node address: give host:port of its HTTP endpoint, e.g. 127.0.0.1:8080");
        return new Uri(uri.GetLeftPart(UriPartial.Authority) + "/");
    }

    private static string FromConfiguration()
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .Build();
        var defaults = new HttpOptions();
        var section = configuration.GetSection($"{FiboOptions.Section}:{nameof(FiboOptions.Http)}");
        var host = section[nameof(HttpOptions.Host)] is { Length: > 0 } h ? h : defaults.Host;
        var port = section[nameof(HttpOptions.Port)] is { Length: > 0 } p ? p : defaults.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // A node bound to every interface is reached on loopback from the same machine.
        if (host is "0.0.0.0" or "*" or "+" or "::") host = "127.0.0.1";
        return $"{host}:{port}";
    }
}
