using System.Globalization;
using Fibo.Actors.Domain.Prediction;
using Spectre.Console;

namespace Fibo.Node.Cli.Models;

/// <summary>
/// Shows training progress on stderr: a Spectre progress bar on a terminal; one line per epoch when stderr is
/// redirected (logs, CI, tests), so the numbers are never lost.
/// </summary>
internal static class TrainingProgress
{
    public static async Task<T> RunAsync<T>(int epochs, Func<Action<EpochReport>, T> train)
    {
        var console = CliConsole.Error;
        if (!console.Profile.Capabilities.Interactive)
            return await Task.Run(() => train(r => Console.Error.WriteLine(Line(r)))); // plain lines: no wrapping at a guessed width

        T result = default!;
        await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask("training", maxValue: epochs);
                result = await Task.Run(() => train(r =>
                {
                    task.Description = Markup.Escape(Line(r));
                    task.Value = r.Epoch;
                }));
                task.Value = task.MaxValue;
            });
        return result;
    }

    public static string Line(EpochReport r) =>
        string.Create(CultureInfo.InvariantCulture,
            $"epoch {r.Epoch}/{r.Epochs}  train {r.TrainLoss:G5}  val {r.ValLoss:G5}  dir {r.ValDirectionalAccuracy:P1}  " +
            $"best {r.BestEpoch}  ETA {r.EstimatedRemaining:hh\\:mm\\:ss}{(r.Improved ? "  *" : "")}");
}
