using System.Diagnostics;

namespace Fibo.Node.Tests.Support;

/// <summary>The result of running the real <c>fibo</c> executable.</summary>
public sealed record FiboRun(int ExitCode, string StdOut, string StdErr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{StdOut}\n--- stderr ---\n{StdErr}";
}

/// <summary>
/// Runs the built <c>fibo.dll</c> (copied next to the tests) as a child process, the way a user runs it, so CLI tests
/// exercise the real entry point and never share Console state with other tests.
/// </summary>
public static class FiboProcess
{
    public static string DllPath => Path.Combine(AppContext.BaseDirectory, "fibo.dll");

    public static async Task<FiboRun> RunAsync(IEnumerable<string> args, string? workingDirectory = null,
        IDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory,
        };
        psi.ArgumentList.Add("exec");
        psi.ArgumentList.Add(DllPath);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["NO_COLOR"] = "1";
        psi.Environment["DOTNET_HOSTBUILDER__RELOADCONFIGONCHANGE"] = "false";
        if (environment is not null) foreach (var (k, v) in environment) psi.Environment[k] = v;

        using var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start dotnet");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"fibo {string.Join(' ', args)} did not finish in {timeout ?? TimeSpan.FromMinutes(3)}:\n{await stdout}\n{await stderr}");
        }
        return new FiboRun(process.ExitCode, await stdout, await stderr);
    }

    public static Task<FiboRun> RunAsync(params string[] args) => RunAsync((IEnumerable<string>)args);
}
