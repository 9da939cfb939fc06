using static TorchSharp.torch;

namespace Fibo.Actors.Tests.Domain.Prediction;

/// <summary>
/// Proves the build's native-library fix works: TorchSharp loads libLibTorchSharp.so on this system and an LSTM
/// runs forward (on Debian 12 this fails with "GLIBCXX_3.4.32 not found" without the fix).
/// </summary>
public class TorchSharpNativeLoadTests
{
    [Fact]
    public void An_lstm_runs_forward_on_cpu()
    {
        using var scope = NewDisposeScope();
        // Weight init draws from libtorch's global generator: hold its gate so parallel seeded trainings stay reproducible.
        TorchSharp.Modules.LSTM lstm;
        lock (Fibo.Actors.Domain.Prediction.TorchRuntime.GlobalGeneratorGate) lstm = nn.LSTM(inputSize: 14, hiddenSize: 64, numLayers: 2, batchFirst: true);
        using var _ = lstm;
        var x = Fibo.Actors.Tests.Support.TestTensors.Normal(42, 3, 32, 14);
        var (output, h, c) = lstm.forward(x);

        Assert.Equal(new long[] { 3, 32, 64 }, output.shape);
        Assert.Equal(new long[] { 2, 3, 64 }, h.shape);
        Assert.Equal(new long[] { 2, 3, 64 }, c.shape);
        // An LSTM's output is tanh-bounded and not all zeros for random input.
        var max = output.abs().max().item<float>();
        Assert.InRange(max, 1e-4f, 1f);
    }
}
