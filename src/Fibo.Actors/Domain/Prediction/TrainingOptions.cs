namespace Fibo.Actors.Domain.Prediction;

/// <summary>The multi-horizon losses of SEED-SPEC §6.3 (<c>multihorizon_loss_configurable</c>).</summary>
public enum MultiHorizonLossType
{
    /// <summary>Per horizon MSE_ret + α_vol·MSE_vol: trains the volatility head on y_vol.</summary>
    Mse,
    /// <summary>Gaussian NLL of the return with σ̂ as its std (+ α_dir sign term); y_vol is not used.</summary>
    HeteroscedasticNll,
    /// <summary>0.5·mse + 0.5·nll.</summary>
    Hybrid,
}

/// <summary>Loss settings of a multi-head model. The port's default is <c>mse</c> with α_vol 0.5, so both heads learn their own targets.</summary>
public sealed record MultiHorizonLossOptions
{
    public MultiHorizonLossType Type { get; init; } = MultiHorizonLossType.Mse;
    public double AlphaVol { get; init; } = 0.5;
    public double AlphaDir { get; init; } = 0.1;

    /// <summary>mse/hybrid: α_vol_eff = α_vol·mean|r̂|/mean|σ̂| per batch (the seed's auto_scale_vol; taken as a constant, no gradient).</summary>
    public bool AutoScaleVol { get; init; }

    /// <summary>Fixed per-horizon weights (normalised to Σ = n_h); null = uniform. The seed's adaptive weights from
    /// validation residuals are not offered: they let validation data steer training (SEED-SPEC §12 A.3).</summary>
    public IReadOnlyList<double>? HorizonWeights { get; init; }
}

/// <summary>Training settings; defaults are the seed's CLI defaults (Adam 1e-3, batch 64, clip 1.0, α_vol 0.5, seed 42).</summary>
public sealed record TrainingOptions
{
    public int Epochs { get; init; } = 20;
    public int BatchSize { get; init; } = 64;
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Stop after this many epochs without a strictly lower validation loss; the best epoch's weights are kept.</summary>
    public int Patience { get; init; } = 10;

    public int Seed { get; init; } = 42;
    public double GradClipNorm { get; init; } = 1.0;

    /// <summary>Weight of the volatility MSE in the single-horizon loss MSE_ret + α·MSE_vol.</summary>
    public double AlphaVol { get; init; } = 0.5;

    /// <summary>Shuffle training sequences each epoch with a generator seeded from <see cref="Seed"/>.</summary>
    public bool Shuffle { get; init; } = true;

    public MultiHorizonLossOptions MultiHorizonLoss { get; init; } = new();

    public void Validate()
    {
        var errors = new List<string>();
        if (Epochs < 1) errors.Add($"epochs {Epochs} must be ≥ 1");
        if (BatchSize < 1) errors.Add($"batch {BatchSize} must be ≥ 1");
        if (!(LearningRate > 0)) errors.Add($"learning rate {LearningRate} must be > 0");
        if (Patience < 1) errors.Add($"patience {Patience} must be ≥ 1");
        if (!(GradClipNorm > 0)) errors.Add($"grad clip {GradClipNorm} must be > 0");
        if (!(AlphaVol >= 0)) errors.Add($"alpha_vol {AlphaVol} must be ≥ 0");
        if (errors.Count > 0) throw new InputException("invalid training options: " + string.Join("; ", errors));
    }
}

/// <summary>What one finished epoch reports to the progress display.</summary>
public sealed record EpochReport(
    int Epoch,
    int Epochs,
    double TrainLoss,
    double ValLoss,
    double ValDirectionalAccuracy,
    bool Improved,
    int BestEpoch,
    double BestValLoss,
    TimeSpan Elapsed,
    TimeSpan EstimatedRemaining);
