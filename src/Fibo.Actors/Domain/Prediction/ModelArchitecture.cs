namespace Fibo.Actors.Domain.Prediction;

/// <summary>The two network shapes of the seed (SEED-SPEC §6.1, §6.2).</summary>
public enum ModelKind
{
    /// <summary>One LSTM, one return head and one volatility head for a single (native) horizon.</summary>
    Lstm2Head,
    /// <summary>One shared LSTM with a return and a volatility head per horizon.</summary>
    LstmMultiHead,
}

/// <summary>
/// Everything needed to build a network with the same parameter shapes: the loader rebuilds a model from this and
/// the weights must fit it exactly.
/// </summary>
public sealed record ModelArchitecture
{
    public const double DefaultDropout = 0.1;
    public const double DefaultHeadHiddenRatio = 0.5;

    public ModelArchitecture(ModelKind kind, int inputSize, int hiddenSize, int numLayers, double dropout,
        IReadOnlyList<int> horizons, double headHiddenRatio = DefaultHeadHiddenRatio)
    {
        Kind = kind;
        InputSize = inputSize;
        HiddenSize = hiddenSize;
        NumLayers = numLayers;
        Dropout = dropout;
        Horizons = horizons.ToArray();
        HeadHiddenRatio = headHiddenRatio;
        var errors = Validate();
        if (errors.Count > 0) throw new InputException("invalid model architecture: " + string.Join("; ", errors));
    }

    public ModelKind Kind { get; }
    public int InputSize { get; }
    public int HiddenSize { get; }
    public int NumLayers { get; }
    public double Dropout { get; }

    /// <summary>Horizons in bars, ascending. An LSTM2Head has exactly one: its native horizon.</summary>
    public IReadOnlyList<int> Horizons { get; }

    public double HeadHiddenRatio { get; }

    /// <summary>Hidden width of every head: max(4, int(H·ratio)); the seed's LSTM2Head uses H//2, the same at ratio 0.5.</summary>
    public int HeadHidden => Math.Max(4, (int)(HiddenSize * HeadHiddenRatio));

    /// <summary>The horizon whose prediction is "the" prediction (LSTM2Head: its only one; multi-head: the middle one, as the seed's meta).</summary>
    public int PrimaryHorizon => Horizons[Horizons.Count / 2];

    /// <summary>The seed's LSTM2Head (dropout only between layers, so 0 for one layer).</summary>
    public static ModelArchitecture TwoHead(int inputSize, int hiddenSize, int numLayers, int horizon, double dropout = DefaultDropout) =>
        new(ModelKind.Lstm2Head, inputSize, hiddenSize, numLayers, dropout, [horizon]);

    public static ModelArchitecture MultiHead(int inputSize, int hiddenSize, int numLayers, IEnumerable<int> horizons,
        double dropout = DefaultDropout, double headHiddenRatio = DefaultHeadHiddenRatio) =>
        new(ModelKind.LstmMultiHead, inputSize, hiddenSize, numLayers, dropout, horizons.Distinct().Order().ToArray(), headHiddenRatio);

    /// <summary>The seed's <c>model_type</c> string.</summary>
    public string KindName => Kind switch
    {
        ModelKind.Lstm2Head => "LSTM2Head",
        _ => "LSTMMultiHead",
    };

    public static ModelKind ParseKind(string name) => name switch
    {
        "LSTM2Head" => ModelKind.Lstm2Head,
        "LSTMMultiHead" => ModelKind.LstmMultiHead,
        _ => throw new InputException($"unknown model type '{name}': expected LSTM2Head or LSTMMultiHead"),
    };

    private List<string> Validate()
    {
        var errors = new List<string>();
        if (InputSize < 1) errors.Add($"input size {InputSize} must be ≥ 1 (the number of feature columns)");
        if (HiddenSize < 1) errors.Add($"hidden size {HiddenSize} must be ≥ 1");
        if (NumLayers < 1) errors.Add($"layers {NumLayers} must be ≥ 1");
        if (!(Dropout >= 0 && Dropout < 1)) errors.Add($"dropout {Dropout} must be in [0, 1)");
        if (!(HeadHiddenRatio > 0)) errors.Add($"head hidden ratio {HeadHiddenRatio} must be > 0");
        if (Horizons.Count == 0) errors.Add("at least one horizon is needed");
        if (Horizons.Any(h => h < 1)) errors.Add($"horizons [{string.Join(", ", Horizons)}] must all be ≥ 1 bar");
        if (Horizons.Count > 1 && !Horizons.Zip(Horizons.Skip(1)).All(p => p.Item1 < p.Item2))
            errors.Add($"horizons [{string.Join(", ", Horizons)}] must be distinct and ascending");
        if (Kind == ModelKind.Lstm2Head && Horizons.Count != 1)
            errors.Add($"an LSTM2Head has one horizon, got [{string.Join(", ", Horizons)}]");
        return errors;
    }

    public bool Equals(ModelArchitecture? other) =>
        other is not null && Kind == other.Kind && InputSize == other.InputSize && HiddenSize == other.HiddenSize &&
        NumLayers == other.NumLayers && Dropout.Equals(other.Dropout) && HeadHiddenRatio.Equals(other.HeadHiddenRatio) &&
        Horizons.SequenceEqual(other.Horizons);

    public override int GetHashCode() => HashCode.Combine(Kind, InputSize, HiddenSize, NumLayers, Horizons.Count);

    public override string ToString() =>
        $"{KindName}(input {InputSize}, hidden {HiddenSize}, layers {NumLayers}, dropout {Dropout}, head {HeadHidden}, horizons [{string.Join(",", Horizons)}])";
}
