using static TorchSharp.torch;

namespace Fibo.Actors.Tests.Support;

/// <summary>
/// Random test inputs from <see cref="Random"/>, never from libtorch's global generator: that generator is shared by
/// every test in the process, and seeded trainings running in parallel rely on nobody else drawing from it.
/// </summary>
public static class TestTensors
{
    public static Tensor Normal(int seed, params long[] shape)
    {
        var rng = new Random(seed);
        var n = shape.Aggregate(1L, (a, b) => a * b);
        var data = new float[n];
        for (var i = 0; i < n; i++)
            data[i] = (float)(Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble()));
        return tensor(data, shape);
    }
}
