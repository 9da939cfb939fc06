namespace Fibo.Node.Tests.Support;

/// <summary>A unique temporary folder per test, deleted at the end (tests run in parallel across classes).</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder(string prefix = "fibo-node-test")
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    public static string RepoFile(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (System.IO.File.Exists(System.IO.Path.Combine(dir.FullName, "Fibo.sln"))) return System.IO.Path.Combine(dir.FullName, relative);
        throw new InvalidOperationException("Fibo.sln not found above " + AppContext.BaseDirectory);
    }
}
