using System.Text.RegularExpressions;
using Fibo.Actors.Domain;
using Microsoft.Extensions.Configuration;

namespace Fibo.Actors.Hosting.Options;

/// <summary>
/// Binds <see cref="FiboOptions"/> from configuration and validates it. A misspelt key inside one of Fibo's sections, a
/// value of the wrong type or an invalid value stops the start with an <see cref="InputException"/> naming every
/// offending key and its fix. (Other components may add their own sections under <c>Fibo</c>; those are theirs to check.)
/// </summary>
public static partial class FiboOptionsLoader
{
    public static FiboOptions Load(IConfiguration configuration)
    {
        var root = configuration.GetSection(FiboOptions.Section);
        var options = new FiboOptions();
        var errors = new List<string>();
        Bind(root, nameof(FiboOptions.Node), options.Node, errors);
        Bind(root, nameof(FiboOptions.Persistence), options.Persistence, errors);
        Bind(root, nameof(FiboOptions.Kafka), options.Kafka, errors);
        Bind(root, nameof(FiboOptions.Store), options.Store, errors);
        Bind(root, nameof(FiboOptions.Models), options.Models, errors);
        Bind(root, nameof(FiboOptions.Http), options.Http, errors);
        Bind(root, nameof(FiboOptions.Logging), options.Logging, errors);
        Bind(root, nameof(FiboOptions.Binance), options.Binance, errors);
        foreach (var secret in new[] { "ApiKey", "ApiSecret", "SecretKey" })
            if (root.GetSection(nameof(FiboOptions.Binance)).GetSection(secret).Exists())
                errors.Add($"Fibo:Binance:{secret}: Binance keys are never read from configuration files; set {Infrastructure.Binance.BinanceCredentials.ApiKeyVariable} and " +
                           $"{Infrastructure.Binance.BinanceCredentials.ApiSecretVariable}, or {Infrastructure.Binance.BinanceCredentials.SecretsFileVariable} to a JSON secrets file");
        Bind(root, nameof(FiboOptions.Feed), options.Feed, errors);
        Bind(root, nameof(FiboOptions.Trading), options.Trading, errors);
        Bind(root, nameof(FiboOptions.Pipeline), options.Pipeline, errors);
        errors.AddRange(FiboOptionsValidator.Validate(options));
        if (errors.Count > 0)
            throw new InputException("invalid configuration:\n  " + string.Join("\n  ", errors));
        return options;
    }

    private static void Bind(IConfigurationSection root, string name, object target, List<string> errors)
    {
        var section = root.GetSection(name);
        var properties = target.GetType().GetProperties().Where(p => p.CanWrite).Select(p => p.Name).ToList();
        foreach (var child in section.GetChildren())
            if (!properties.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
                errors.Add($"{child.Path} is not a known setting: check the spelling; {section.Path} has {string.Join(", ", properties)}");
        try
        {
            section.Bind(target);
        }
        catch (InvalidOperationException e)
        {
            errors.Add(Explain(e));
        }
    }

    // The binder says "Failed to convert configuration value 'abc' at 'Fibo:Node:Port' to type 'System.Int32'.": it names
    // the key and the value; add what would be accepted.
    private static string Explain(InvalidOperationException e)
    {
        var m = ConversionFailure().Match(e.Message);
        if (!m.Success) return e.Message;
        var type = Type.GetType(m.Groups["type"].Value) ?? typeof(FiboOptions).Assembly.GetType(m.Groups["type"].Value);
        var fix = type switch
        {
            { IsEnum: true } => $"use one of {string.Join(", ", Enum.GetNames(type))}",
            _ when type == typeof(int) || type == typeof(short) || type == typeof(long) => "use a whole number",
            _ when type == typeof(bool) => "use true or false",
            _ => $"use a value of type {m.Groups["type"].Value}",
        };
        return $"{m.Groups["key"].Value} = '{m.Groups["value"].Value}': {fix}";
    }

    [GeneratedRegex(@"value '(?<value>.*)' at '(?<key>[^']+)' to type '(?<type>[^']+)'")]
    private static partial Regex ConversionFailure();
}
