using Fibo.Actors.Domain.Prediction;

namespace Fibo.Actors.Tests.Support;

/// <summary>
/// Small learnable sequence sets for training tests: the return target is a linear function of the last step's
/// first feature, the volatility target grows with the second feature, plus a little noise.
/// </summary>
public static class TinySequences
{
    public static SequenceSet Make(int count, int seqLen, int features, int seed, IReadOnlyList<int>? horizons = null)
    {
        horizons ??= [4];
        var rng = new Random(seed);
        var x = new float[count * seqLen * features];
        for (var i = 0; i < x.Length; i++) x[i] = (float)Normal(rng);
        var yRet = horizons.Select(_ => new float[count]).ToArray();
        var yVol = horizons.Select(_ => new float[count]).ToArray();
        for (var n = 0; n < count; n++)
        {
            var last = (n * seqLen + seqLen - 1) * features;
            for (var h = 0; h < horizons.Count; h++)
            {
                var scale = Math.Sqrt(horizons[h]);
                yRet[h][n] = (float)(0.3 * scale * x[last] + 0.03 * Normal(rng));
                yVol[h][n] = (float)(0.1 * scale * (1 + Math.Abs(x[last + 1])));
            }
        }
        var ends = Enumerable.Range(0, count).Select(i => 1_700_000_000_000L + i * 300_000L).ToArray();
        return new SequenceSet(x, count, seqLen, features, horizons, yRet, yVol, ends);
    }

    private static double Normal(Random rng)
    {
        var u1 = 1.0 - rng.NextDouble();
        var u2 = rng.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
