using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Fibo.Actors.Domain.Prediction;

/// <summary>
/// The seed's head: Linear(H, head) → ReLU → Linear(head, 1), with Softplus (β 1, threshold 20) for volatility so it
/// is positive. Names "0".."3" match PyTorch's <c>nn.Sequential</c>, so state-dict keys are <c>head_ret.0.weight</c> etc.
/// </summary>
internal static class PredictionHead
{
    public static Sequential Create(int hidden, int headHidden, bool positive)
    {
        var layers = new List<(string, nn.Module<Tensor, Tensor>)>
        {
            ("0", nn.Linear(hidden, headHidden)),
            ("1", nn.ReLU()),
            ("2", nn.Linear(headHidden, 1)),
        };
        if (positive) layers.Add(("3", nn.Softplus(beta: 1, threshold: 20)));
        return nn.Sequential(layers);
    }

    /// <summary>The LSTM of both shapes: batch-first, dropout only between stacked layers (PyTorch warns otherwise).</summary>
    public static LSTM CreateLstm(ModelArchitecture a) =>
        nn.LSTM(a.InputSize, a.HiddenSize, a.NumLayers, bias: true, batchFirst: true, dropout: a.NumLayers > 1 ? a.Dropout : 0);
}
