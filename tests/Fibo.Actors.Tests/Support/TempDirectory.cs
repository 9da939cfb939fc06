namespace Fibo.Actors.Tests.Support;

/// <summary>A unique temporary folder per test, deleted at the end (tests run in parallel across classes).</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory(string prefix = "fibo-test")
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public string Write(string name, string content)
    {
        var path = File(name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    public void Dispose()
    {
        // SQLite pools connections: clear them so the files can be removed.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { /* a handle still closing; the OS temp cleaner takes it */ }
        catch (UnauthorizedAccessException) { }
    }
}

public static class TestData
{
    public static string Path(params string[] parts) => System.IO.Path.Combine([AppContext.BaseDirectory, "TestData", .. parts]);
}
