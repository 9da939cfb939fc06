using static TorchSharp.torch;

namespace Fibo.Actors.Domain.Prediction;

/// <summary>
/// A return/volatility network, whichever shape (LSTM2Head or LSTMMultiHead), as the trainer and the inference
/// engine see it. Inputs are float32 (B, seq_len, F) windows that are already scaled by the model's own scaler.
/// </summary>
public interface IForecastNetwork : IDisposable
{
    ModelArchitecture Architecture { get; }

    /// <summary>The TorchSharp module (parameters, state dict, train/eval mode).</summary>
    nn.Module Module { get; }

    /// <summary>One (return (B), volatility (B)) pair per horizon, in <see cref="ModelArchitecture.Horizons"/> order.</summary>
    IReadOnlyList<(Tensor Ret, Tensor Vol)> ForwardHeads(Tensor x);
}

/// <summary>Builds the network an architecture describes (fresh weights from torch's global generator).</summary>
public static class ForecastNetworks
{
    public static IForecastNetwork Create(ModelArchitecture architecture) => architecture.Kind switch
    {
        ModelKind.Lstm2Head => new Lstm2Head(architecture),
        _ => new LstmMultiHead(architecture),
    };

    /// <summary>Number of trainable scalars (the §6.1/§6.2 tables).</summary>
    public static long ParameterCount(this IForecastNetwork network) =>
        network.Module.parameters().Sum(p => p.numel());

    /// <summary>The state-dict names and shapes the weights file must hold, in registration order.</summary>
    public static IReadOnlyList<(string Name, long[] Shape)> ExpectedTensors(this IForecastNetwork network) =>
        network.Module.state_dict().Select(kv => (kv.Key, kv.Value.shape)).ToList();
}
