namespace Fibo.Node.Tests.Support;

/// <summary>A unique temporary folder per test, deleted at the end.</summary>
public sealed class TempDir : IDisposable
{
    public TempDir()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "fibo-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Copies a test-data file here (optionally under another name) and returns the copy's path.</summary>
    public string Copy(string testDataName, string? as_ = null)
    {
        var target = File(as_ ?? testDataName);
        System.IO.File.Copy(MarketDataFile(testDataName), target, overwrite: true);
        return target;
    }

    public static string MarketDataFile(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "TestData", "MarketData", name);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
