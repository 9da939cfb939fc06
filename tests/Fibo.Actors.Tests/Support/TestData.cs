namespace Fibo.Actors.Tests.Support;

/// <summary>Paths of the fixtures copied next to the test assembly.</summary>
public static class TestData
{
    public static string Path(params string[] parts) => System.IO.Path.Combine([AppContext.BaseDirectory, "TestData", .. parts]);
}
