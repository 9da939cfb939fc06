using System.CommandLine;
using Fibo.Actors.Domain;
using Fibo.Actors.Domain.Dataset;
using Fibo.Actors.Domain.Features;

namespace Fibo.Node.Cli.Features;

/// <summary>The dataset options shared by <c>fibo dataset</c> and <c>fibo audit</c>.</summary>
internal sealed class DatasetCliOptions
{
    public readonly Option<string> Set = FeatureSetOption.Create();
    public readonly Option<int> SeqLen = new("--seq-len") { Description = "Window length in bars", DefaultValueFactory = _ => 32 };
    public readonly Option<int> Horizon = new("--horizon") { Description = "Target horizon in bars", DefaultValueFactory = _ => 1 };
    public readonly Option<string?> Horizons = new("--horizons") { Description = "Several horizons, comma-separated (e.g. 1,3,6,12,24); overrides --horizon" };
    public readonly Option<double> Val = new("--val") { Description = "Validation fraction of the windows", DefaultValueFactory = _ => 0.2 };
    public readonly Option<double> Test = new("--test") { Description = "Test fraction of the windows", DefaultValueFactory = _ => 0.1 };
    public readonly Option<bool> NoPurge = new("--no-purge") { Description = "The seed's split: no gap of h windows before val/test, scaler rows end one past the training inputs" };
    public readonly Option<bool> AllowGaps = new("--allow-gaps") { Description = "The seed's gap rule: warn about gaps but build windows across them" };
    public readonly Option<string> VolTarget = new("--vol-target") { Description = "y_vol definition: seed (population std of the h one-bar returns; 0 for h=1) or realized (RMS of the h returns)", DefaultValueFactory = _ => "seed" };

    public void AddTo(Command command)
    {
        foreach (var o in new Option[] { Set, SeqLen, Horizon, Horizons, Val, Test, NoPurge, AllowGaps, VolTarget }) command.Options.Add(o);
    }

    public DatasetRequest Request(ParseResult parse, int folds = 0, WalkForwardMode mode = WalkForwardMode.Expanding)
    {
        var set = FeatureRegistry.Get(parse.GetValue(Set)!);
        IReadOnlyList<int> horizons = [parse.GetValue(Horizon)];
        var text = parse.GetValue(Horizons);
        if (!string.IsNullOrWhiteSpace(text))
        {
            var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var list = new List<int>();
            foreach (var p in parts)
                list.Add(int.TryParse(p, out var h) ? h : throw new InputException($"--horizons: '{p}' is not a whole number of bars (e.g. --horizons 1,3,6)"));
            horizons = list;
        }
        var vol = parse.GetValue(VolTarget)?.Trim().ToLowerInvariant() switch
        {
            "seed" => Fibo.Actors.Domain.Dataset.VolTarget.SeedPerBarStd,
            "realized" or "realised" => Fibo.Actors.Domain.Dataset.VolTarget.RealizedPerBarRms,
            var other => throw new InputException($"--vol-target: '{other}' is not known; use seed or realized"),
        };
        var seq = new SequenceOptions(parse.GetValue(SeqLen), horizons)
        {
            VolTarget = vol,
            GapPolicy = parse.GetValue(AllowGaps) ? GapPolicy.WarnOnly : GapPolicy.Split,
        };
        double val = parse.GetValue(Val), test = parse.GetValue(Test);
        if (val < 0 || val >= 1) throw new InputException($"--val must be in [0, 1), got {val}");
        if (test < 0 || test >= 1) throw new InputException($"--test must be in [0, 1), got {test}");
        return new DatasetRequest(set, seq)
        {
            ValFraction = val,
            TestFraction = test,
            Purge = !parse.GetValue(NoPurge),
            Folds = folds,
            FoldMode = mode,
        };
    }
}
