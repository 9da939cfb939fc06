using Fibo.Actors.Domain;
using Fibo.Actors.Domain.Prediction;
using Fibo.Actors.Tests.Support;
using static TorchSharp.torch;

namespace Fibo.Actors.Tests.Domain.Prediction;

/// <summary>The networks have the seed's parameter counts and PyTorch's state-dict names (SEED-SPEC §6.1, §6.2).</summary>
public class NetworkShapeTests
{
    [Theory]
    [InlineData(14, 64, 2, 57_986)]
    [InlineData(39, 64, 2, 64_386)]
    [InlineData(14, 96, 3, 201_410)]
    [InlineData(14, 128, 3, 354_562)]
    public void Lstm2Head_parameter_counts_equal_the_seed_table(int features, int hidden, int layers, long expected)
    {
        using var net = new Lstm2Head(ModelArchitecture.TwoHead(features, hidden, layers, horizon: 4));
        Assert.Equal(expected, net.ParameterCount());
    }

    [Fact]
    public void LstmMultiHead_parameter_count_equals_the_seed()
    {
        using var net = new LstmMultiHead(ModelArchitecture.MultiHead(14, 128, 2, [1, 3, 6, 12, 24]));
        Assert.Equal(289_034, net.ParameterCount());
    }

    [Fact]
    public void Lstm2Head_state_dict_keys_are_pytorchs()
    {
        using var net = new Lstm2Head(ModelArchitecture.TwoHead(39, 64, 2, horizon: 1));
        var shapes = net.ExpectedTensors().ToDictionary(t => t.Name, t => t.Shape);
        string[] expected =
        [
            "lstm.weight_ih_l0", "lstm.weight_hh_l0", "lstm.bias_ih_l0", "lstm.bias_hh_l0",
            "lstm.weight_ih_l1", "lstm.weight_hh_l1", "lstm.bias_ih_l1", "lstm.bias_hh_l1",
            "head_ret.0.weight", "head_ret.0.bias", "head_ret.2.weight", "head_ret.2.bias",
            "head_vol.0.weight", "head_vol.0.bias", "head_vol.2.weight", "head_vol.2.bias",
        ];
        Assert.Equal(expected.Order(), shapes.Keys.Order());
        // The deprecated seed checkpoint: weight_ih_l0 is 256×39 and the heads are 64→32→1.
        Assert.Equal([256L, 39], shapes["lstm.weight_ih_l0"]);
        Assert.Equal([32L, 64], shapes["head_ret.0.weight"]);
        Assert.Equal([1L, 32], shapes["head_vol.2.weight"]);
    }

    [Fact]
    public void LstmMultiHead_state_dict_keys_are_pytorchs()
    {
        using var net = new LstmMultiHead(ModelArchitecture.MultiHead(14, 16, 1, [1, 3]));
        var keys = net.ExpectedTensors().Select(t => t.Name).ToHashSet();
        Assert.Contains("heads_ret.1.0.weight", keys);
        Assert.Contains("heads_ret.3.2.bias", keys);
        Assert.Contains("heads_vol.3.0.weight", keys);
        Assert.Contains("lstm.weight_hh_l0", keys);
        Assert.Equal(4 + 2 * 2 * 4, keys.Count);
    }

    [Fact]
    public void Outputs_have_batch_shape_and_volatility_is_positive()
    {
        using var scope = NewDisposeScope();
        using var net = new Lstm2Head(ModelArchitecture.TwoHead(5, 8, 2, horizon: 4));
        net.eval();
        using var _ = no_grad();
        var (ret, vol) = net.forward(TestTensors.Normal(1, 7, 12, 5));
        Assert.Equal([7L], ret.shape);
        Assert.Equal([7L], vol.shape);
        Assert.True(vol.min().item<float>() > 0);
    }

    [Fact]
    public void Multi_head_interpolates_between_scales_outside_and_rejects_unknown_horizons()
    {
        using var scope = NewDisposeScope();
        using var net = new LstmMultiHead(ModelArchitecture.MultiHead(3, 8, 1, [2, 6]));
        net.eval();
        using var _ = no_grad();
        var x = TestTensors.Normal(2, 4, 5, 3);
        var all = net.forward(x);
        var (r2, v2) = all[2];
        var (r6, v6) = all[6];

        var (r4, v4) = net.PredictInterpolated(x, 4);
        AssertClose(r2 * 0.5 + r6 * 0.5, r4);
        AssertClose(v2 * 0.5 + v6 * 0.5, v4);
        var (r1, v1) = net.PredictInterpolated(x, 1);
        AssertClose(r2 * 0.5, r1);
        AssertClose(v2 * Math.Sqrt(0.5), v1);
        var (r12, v12) = net.PredictInterpolated(x, 12);
        AssertClose(r6 * 2, r12);
        AssertClose(v6 * Math.Sqrt(2), v12);
        var (rn, _) = net.PredictInterpolated(x, 6);
        AssertClose(r6, rn);

        var e = Assert.Throws<ArgumentException>(() => net.Forward(x, 4));
        Assert.Contains("Horizon 4 not in trained horizons [2, 6]", e.Message);
    }

    [Fact]
    public void Invalid_architectures_are_refused_with_the_reason()
    {
        var e = Assert.Throws<InputException>(() => ModelArchitecture.TwoHead(0, 64, 2, 4));
        Assert.Contains("input size 0", e.Message);
        e = Assert.Throws<InputException>(() => new ModelArchitecture(ModelKind.Lstm2Head, 14, 64, 2, 0.1, [1, 4]));
        Assert.Contains("one horizon", e.Message);
    }

    private static void AssertClose(Tensor expected, Tensor actual) =>
        Assert.True(expected.allclose(actual, rtol: 1e-5, atol: 1e-6), $"expected {expected.ToString(TorchSharp.TensorStringStyle.Julia)} got {actual.ToString(TorchSharp.TensorStringStyle.Julia)}");
}
