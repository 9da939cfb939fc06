using Fibo.Actors.Infrastructure.Backtesting;
using Fibo.Actors.Tests.Domain.Backtesting;

namespace Fibo.Actors.Tests.Infrastructure.Backtesting;

public class EquityCurvePlotTests
{
    [Fact]
    public void Writes_a_png_of_the_requested_size()
    {
        var dir = Path.Combine(Path.GetTempPath(), "fibo-plot-" + Guid.NewGuid().ToString("N"));
        try
        {
            var result = GoldenScenarios.SeedRule(GoldenScenarios.EthBtc5m());
            var path = Path.Combine(dir, "nested", "equity.png");
            EquityCurvePlot.SavePng(path, result, 800, 400);
            var bytes = File.ReadAllBytes(path);
            Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]); // PNG signature
            // IHDR width and height, big-endian, right after the signature and the chunk header.
            Assert.Equal(800, (bytes[16] << 24) | (bytes[17] << 16) | (bytes[18] << 8) | bytes[19]);
            Assert.Equal(400, (bytes[20] << 24) | (bytes[21] << 16) | (bytes[22] << 8) | bytes[23]);
            Assert.True(bytes.Length > 10_000, $"a plot with a curve and labels is more than a blank image ({bytes.Length} bytes)");
        }
        finally
        {
            if (Environment.GetEnvironmentVariable("FIBO_KEEP_PLOT") is { } keep) File.Copy(Path.Combine(dir, "nested", "equity.png"), keep, true);
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }
}
