using System.Globalization;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Fibo.Actors.Domain.Prediction;

/// <summary>
/// The seed's <c>LSTMMultiHead</c> (SEED-SPEC §6.2): one shared LSTM and, per horizon h, <c>heads_ret[str(h)]</c> and
/// <c>heads_vol[str(h)]</c> sized max(4, int(H·ratio)). State-dict keys equal PyTorch's (<c>heads_ret.3.0.weight</c>).
/// </summary>
public sealed class LstmMultiHead : nn.Module<Tensor, IReadOnlyDictionary<int, (Tensor Ret, Tensor Vol)>>, IForecastNetwork
{
#pragma warning disable IDE1006
    private readonly LSTM lstm;
    private readonly ModuleDict<Sequential> heads_ret;
    private readonly ModuleDict<Sequential> heads_vol;
#pragma warning restore IDE1006

    public LstmMultiHead(ModelArchitecture architecture) : base("LSTMMultiHead")
    {
        if (architecture.Kind != ModelKind.LstmMultiHead) throw new ArgumentException($"not an LSTMMultiHead architecture: {architecture}");
        Architecture = architecture;
        heads_ret = new ModuleDict<Sequential>();
        heads_vol = new ModuleDict<Sequential>();
        // Initial weights come from libtorch's global generator: draw them under its gate.
        lock (TorchRuntime.GlobalGeneratorGate)
        {
            lstm = PredictionHead.CreateLstm(architecture);
            foreach (var h in architecture.Horizons)
            {
                var key = h.ToString(CultureInfo.InvariantCulture);
                heads_ret.Add(key, PredictionHead.Create(architecture.HiddenSize, architecture.HeadHidden, positive: false));
                heads_vol.Add(key, PredictionHead.Create(architecture.HiddenSize, architecture.HeadHidden, positive: true));
            }
        }
        RegisterComponents();
    }

    public ModelArchitecture Architecture { get; }

    public nn.Module Module => this;

    public IReadOnlyList<int> Horizons => Architecture.Horizons;

    /// <summary><c>forward(x)</c>: every horizon's (ret, vol).</summary>
    public override IReadOnlyDictionary<int, (Tensor Ret, Tensor Vol)> forward(Tensor x)
    {
        var last = LastStep(x);
        return Horizons.ToDictionary(h => h, h => Heads(last, h));
    }

    /// <summary><c>forward(x, horizon=h)</c>: one trained horizon, or the seed's ValueError as an <see cref="ArgumentException"/>.</summary>
    public (Tensor Ret, Tensor Vol) Forward(Tensor x, int horizon)
    {
        if (!Horizons.Contains(horizon))
            throw new ArgumentException($"Horizon {horizon} not in trained horizons [{string.Join(", ", Horizons)}]", nameof(horizon));
        return Heads(LastStep(x), horizon);
    }

    public IReadOnlyList<(Tensor Ret, Tensor Vol)> ForwardHeads(Tensor x)
    {
        var last = LastStep(x);
        return Horizons.Select(h => Heads(last, h)).ToList();
    }

    /// <summary>
    /// <c>predict_interpolated(x, h)</c>: a trained horizon directly; outside the trained range scale the nearest
    /// horizon (ret·s, vol·√s with s = h/h_near); between two trained horizons interpolate both linearly.
    /// </summary>
    public (Tensor Ret, Tensor Vol) PredictInterpolated(Tensor x, int horizon)
    {
        if (horizon < 1) throw new ArgumentException($"horizon {horizon} must be ≥ 1 bar", nameof(horizon));
        var last = LastStep(x);
        var plan = HorizonInterpolation.Plan(Horizons, horizon);
        var (retLo, volLo) = Heads(last, plan.Low);
        if (plan.Kind == HorizonInterpolation.PlanKind.Native) return (retLo, volLo);
        if (plan.Kind == HorizonInterpolation.PlanKind.Scaled)
            return (retLo * plan.Scale, volLo * Math.Sqrt(plan.Scale));
        var (retHi, volHi) = Heads(last, plan.High);
        var w = plan.WeightHigh;
        return (retLo * (1 - w) + retHi * w, volLo * (1 - w) + volHi * w);
    }

    private Tensor LastStep(Tensor x)
    {
        var (output, _, _) = lstm.forward(x);
        return output.select(1, -1);
    }

    private (Tensor Ret, Tensor Vol) Heads(Tensor last, int h)
    {
        var key = h.ToString(CultureInfo.InvariantCulture);
        return (heads_ret[key].forward(last).squeeze(-1), heads_vol[key].forward(last).squeeze(-1));
    }
}
