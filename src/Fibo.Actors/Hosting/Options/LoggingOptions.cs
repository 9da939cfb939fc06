namespace Fibo.Actors.Hosting.Options;

/// <summary>Section <c>Fibo:Logging</c>: Serilog level and optional file (used by the node and by Akka's logger).</summary>
public sealed class LoggingOptions
{
    /// <summary>Verbose, Debug, Information, Warning, Error or Fatal.</summary>
    public string Level { get; set; } = "Information";

    /// <summary>Optional log file (rolled daily); empty means console only.</summary>
    public string File { get; set; } = "";
}
