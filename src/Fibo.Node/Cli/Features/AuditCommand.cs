using System.CommandLine;
using Fibo.Actors.Domain;
using Fibo.Actors.Domain.Audit;
using Fibo.Actors.Domain.Dataset;
using Spectre.Console;

namespace Fibo.Node.Cli.Features;

/// <summary>
/// <c>fibo audit</c>: the seed's leakage audit (Audit tab checks and thresholds) plus ours, over the dataset the
/// pipeline builds. Exit 0 when clean, 3 when a leak is found.
/// </summary>
internal static class AuditCommand
{
    public const int LeakExitCode = 3;

    public static Command Create()
    {
        var command = new Command("audit", "Leakage audit of the dataset pipeline (seed checks + scaler rows + permutation test); exit 3 on a leak");
        var source = new CandleSource();
        source.AddTo(command);
        var options = new DatasetCliOptions();
        options.AddTo(command);
        var permutations = new Option<int>("--permutations") { Description = "Shuffles of the training targets in the permutation test", DefaultValueFactory = _ => 19 };
        var scalerFit = new Option<string>("--scaler-fit") { Description = "train (the pipeline) or all (fit the scaler on every row, the seed's main_cli leak, to see the audit catch it)", DefaultValueFactory = _ => "train" };
        command.Options.Add(permutations);
        command.Options.Add(scalerFit);
        CliAction.Set(command, async (parse, ct) =>
        {
            var request = options.Request(parse);
            int k = parse.GetValue(permutations);
            if (k < 1) throw new InputException($"--permutations must be at least 1, got {k}");
            var fit = parse.GetValue(scalerFit)?.Trim().ToLowerInvariant();
            if (fit is not ("train" or "all")) throw new InputException($"--scaler-fit: '{fit}' is not known; use train or all");
            var loaded = await source.LoadAsync(parse, ct);
            var ds = DatasetPipeline.Prepare(loaded.Candles, request);
            var input = AuditInput.From(ds, loaded.Candles);
            if (fit == "all")
            {
                var all = StandardScaler.Fit(ds.Features, ds.Features.RowCount - 1);
                input = input with { Scaler = all, Scaled = all.Transform(ds.Features) };
            }
            var report = LeakageAudit.Run(input, new AuditOptions { Permutations = k });
            if (parse.GetValue(CliOptions.Json))
            {
                CliConsole.WriteJson(new
                {
                    series = loaded.Key.ToString(),
                    source = loaded.Source,
                    set = request.Set.Name,
                    leakFound = report.LeakFound,
                    checks = report.Checks.Select(c => new { name = c.Name, status = c.Status.ToString(), leak = c.Leak, message = c.Message, details = c.Details }),
                    summary = report.Summary,
                });
            }
            else
            {
                CliConsole.Out.WriteLine($"audit of {loaded.Key} ({request.Set.Name}, seq_len {request.Sequences.SeqLen}, horizon {request.Sequences.MaxHorizon}, scaler fit on {fit} rows)");
                CliConsole.Out.WriteLine(report.ToText());
            }
            return report.LeakFound ? LeakExitCode : 0;
        });
        return command;
    }
}
