using Akka.Event;
using Akka.Hosting;
using Akka.Logger.Serilog;
using Fibo.Actors.Hosting.Options;

namespace Fibo.Actors.Hosting;

public static class LoggingHosting
{
    /// <summary>
    /// Akka logs through Serilog (the static <c>Log.Logger</c> the node configures) with Serilog's message templates, so
    /// actors write <c>log.Info("stored {Count} candles", n)</c> as structured events. The Akka level follows
    /// <c>Fibo:Logging:Level</c>; Serilog's own minimum levels filter too.
    /// </summary>
    public static AkkaConfigurationBuilder WithFiboLogging(this AkkaConfigurationBuilder builder, FiboOptions options) =>
        builder.ConfigureLoggers(loggers =>
        {
            loggers.LogLevel = AkkaLevel(options.Logging.Level);
            loggers.ClearLoggers();
            loggers.AddSerilogLogging();
        });

    internal static LogLevel AkkaLevel(string level) => level.ToLowerInvariant() switch
    {
        "verbose" or "debug" => LogLevel.DebugLevel,
        "warning" => LogLevel.WarningLevel,
        "error" or "fatal" => LogLevel.ErrorLevel,
        _ => LogLevel.InfoLevel,
    };
}
