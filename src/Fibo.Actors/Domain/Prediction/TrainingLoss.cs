using static TorchSharp.torch;

namespace Fibo.Actors.Domain.Prediction;

/// <summary>The training losses of SEED-SPEC §6.3 over a network's per-horizon outputs.</summary>
internal static class TrainingLoss
{
    /// <summary>
    /// Single horizon (<c>train_epoch</c>): MSE(r̂, r) + α_vol·MSE(σ̂, σ). Multi-horizon: the configured
    /// <c>multihorizon_loss_configurable</c>.
    /// </summary>
    public static Tensor Compute(IReadOnlyList<(Tensor Ret, Tensor Vol)> outputs, IReadOnlyList<Tensor> yRet, IReadOnlyList<Tensor> yVol,
        ModelKind kind, TrainingOptions options)
    {
        if (kind == ModelKind.Lstm2Head)
            return Mse(outputs[0].Ret, yRet[0]) + options.AlphaVol * Mse(outputs[0].Vol, yVol[0]);
        return MultiHorizon(outputs, yRet, yVol, options.MultiHorizonLoss);
    }

    public static Tensor MultiHorizon(IReadOnlyList<(Tensor Ret, Tensor Vol)> outputs, IReadOnlyList<Tensor> yRet, IReadOnlyList<Tensor> yVol,
        MultiHorizonLossOptions o)
    {
        var n = outputs.Count;
        var weights = NormalisedWeights(o.HorizonWeights, n);
        var alphaVol = o.AlphaVol;
        if (o.AutoScaleVol && o.Type != MultiHorizonLossType.HeteroscedasticNll)
        {
            // From the batch's predictions, as the seed does; a plain number, so no gradient flows through it.
            var meanRet = outputs.Average(p => p.Ret.detach().abs().mean().item<float>());
            var meanVol = outputs.Average(p => p.Vol.detach().abs().mean().item<float>());
            if (meanVol > 1e-8) alphaVol = o.AlphaVol * meanRet / meanVol;
        }

        Tensor? total = null;
        for (var h = 0; h < n; h++)
        {
            var (r, v) = outputs[h];
            var term = o.Type switch
            {
                MultiHorizonLossType.Mse => Mse(r, yRet[h]) + alphaVol * Mse(v, yVol[h]),
                MultiHorizonLossType.HeteroscedasticNll => HeteroscedasticNll(r, v, yRet[h], o.AlphaDir),
                _ => 0.5 * (Mse(r, yRet[h]) + alphaVol * Mse(v, yVol[h])) + 0.5 * HeteroscedasticNll(r, v, yRet[h], o.AlphaDir),
            };
            var weighted = term * weights[h];
            total = total is null ? weighted : total + weighted;
        }
        return total!;
    }

    /// <summary>
    /// <c>heteroscedastic_nll_component</c>: σ = clamp(σ̂, 1e-4, 10); e = min((r − r̂)²/σ², 100); 0.5·(2 ln σ + e),
    /// falling back to (r − r̂)² if anything is not finite; mean; + α_dir·mean((1 − sign r̂·sign r)/2). The sign term has
    /// zero gradient (SEED-SPEC §12 C.17): it only shifts the reported loss, as in the seed.
    /// </summary>
    public static Tensor HeteroscedasticNll(Tensor predRet, Tensor predVol, Tensor yRet, double alphaDir)
    {
        var sigma = predVol.clamp(1e-4, 10.0);
        var sq = (yRet - predRet).pow(2);
        var e = (sq / sigma.pow(2)).clamp_max(100.0);
        var nll = 0.5 * (2 * sigma.log() + e);
        if (!isfinite(nll).all().item<bool>()) nll = sq;
        var loss = nll.mean();
        if (alphaDir != 0)
            loss = loss + alphaDir * ((1 - predRet.sign() * yRet.sign()) / 2).mean();
        return loss;
    }

    public static Tensor Mse(Tensor prediction, Tensor target) => (prediction - target).pow(2).mean();

    /// <summary>Weights normalised so that they sum to the number of horizons (uniform = all ones).</summary>
    public static double[] NormalisedWeights(IReadOnlyList<double>? weights, int n)
    {
        if (weights is null) return Enumerable.Repeat(1.0, n).ToArray();
        if (weights.Count != n) throw new InputException($"{weights.Count} horizon weights given for {n} horizons");
        if (weights.Any(w => !(w >= 0)) || weights.Sum() <= 0) throw new InputException($"horizon weights [{string.Join(", ", weights)}] must be ≥ 0 with a positive sum");
        var sum = weights.Sum();
        return weights.Select(w => w * n / sum).ToArray();
    }
}
