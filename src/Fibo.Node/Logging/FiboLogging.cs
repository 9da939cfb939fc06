using Microsoft.Extensions.Configuration;
using Serilog;
using Serilog.Events;

namespace Fibo.Node.Logging;

/// <summary>
/// Serilog for the node and the CLI: console (stderr, so --json output stays clean) plus an optional file sink.
/// Levels come from configuration ("Serilog" section, standard Serilog.Settings.Configuration keys) or from
/// <c>Fibo:Logging:Level</c> / <c>Fibo:Logging:File</c>.
/// </summary>
public static class FiboLogging
{
    /// <param name="consoleLevel">A stricter level for the console only (e.g. while a progress display owns the terminal).</param>
    public static Serilog.ILogger Create(IConfiguration configuration, LogEventLevel defaultLevel = LogEventLevel.Information, LogEventLevel? consoleLevel = null)
    {
        var level = Enum.TryParse<LogEventLevel>(configuration["Fibo:Logging:Level"], ignoreCase: true, out var l) ? l : defaultLevel;
        var config = new LoggerConfiguration()
            .MinimumLevel.Is(level)
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .MinimumLevel.Override("System.Net.Http", LogEventLevel.Warning)
            .Enrich.FromLogContext()
            .WriteTo.Console(
                outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext:l}{Message:lj}{NewLine}{Exception}",
                standardErrorFromLevel: LogEventLevel.Verbose,
                restrictedToMinimumLevel: consoleLevel ?? LogEventLevel.Verbose);
        var file = configuration["Fibo:Logging:File"];
        if (!string.IsNullOrWhiteSpace(file))
            config = config.WriteTo.File(file, rollingInterval: RollingInterval.Day, retainedFileCountLimit: 7);
        if (configuration.GetSection("Serilog").Exists())
            config = config.ReadFrom.Configuration(configuration);
        return config.CreateLogger();
    }
}
