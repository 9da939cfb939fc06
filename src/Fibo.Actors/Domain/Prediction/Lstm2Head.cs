using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Fibo.Actors.Domain.Prediction;

/// <summary>
/// The seed's <c>LSTM2Head</c> (SEED-SPEC §6.1): LSTM → last time step → a return head and a Softplus volatility head,
/// both squeezed to (B,). Field names are the PyTorch attribute names, so the state dict is key-for-key the seed's
/// (<c>lstm.weight_ih_l0</c>, <c>head_ret.0.weight</c>, <c>head_vol.2.bias</c>, ...).
/// </summary>
public sealed class Lstm2Head : nn.Module<Tensor, (Tensor Ret, Tensor Vol)>, IForecastNetwork
{
    // Names are part of the file format: RegisterComponents uses the field names as state-dict prefixes.
#pragma warning disable IDE1006
    private readonly LSTM lstm;
    private readonly Sequential head_ret;
    private readonly Sequential head_vol;
#pragma warning restore IDE1006

    public Lstm2Head(ModelArchitecture architecture) : base("LSTM2Head")
    {
        if (architecture.Kind != ModelKind.Lstm2Head) throw new ArgumentException($"not an LSTM2Head architecture: {architecture}");
        Architecture = architecture;
        // Initial weights come from libtorch's global generator: draw them under its gate.
        lock (TorchRuntime.GlobalGeneratorGate)
        {
            lstm = PredictionHead.CreateLstm(architecture);
            head_ret = PredictionHead.Create(architecture.HiddenSize, architecture.HeadHidden, positive: false);
            head_vol = PredictionHead.Create(architecture.HiddenSize, architecture.HeadHidden, positive: true);
        }
        RegisterComponents();
    }

    public ModelArchitecture Architecture { get; }

    public nn.Module Module => this;

    public override (Tensor Ret, Tensor Vol) forward(Tensor x)
    {
        var (output, _, _) = lstm.forward(x);
        var last = output.select(1, -1);
        return (head_ret.forward(last).squeeze(-1), head_vol.forward(last).squeeze(-1));
    }

    public IReadOnlyList<(Tensor Ret, Tensor Vol)> ForwardHeads(Tensor x) => [forward(x)];
}
