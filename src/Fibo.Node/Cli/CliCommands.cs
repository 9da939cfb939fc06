using System.CommandLine;

namespace Fibo.Node.Cli;

/// <summary>Every verb group of the CLI. Add a group here when it lands; each lives in its own file.</summary>
internal static class CliCommands
{
    public static IEnumerable<Command> All()
    {
        yield return VersionCommand.Create();
        yield return Data.DataCommand.Create();
        yield return Features.FeaturesCommand.Create();
        yield return Features.DatasetCommand.Create();
        yield return Features.AuditCommand.Create();
        yield return Models.TrainCommand.Create();
        yield return Models.PredictCommand.Create();
        yield return Models.ForecastCommand.Create();
        yield return Models.ModelCommand.Create();
        yield return BacktestCommand.Create();
        yield return Bench.BenchCommand.Create();
        yield return KafkaDevCommand.Create();
        yield return ExchangeSimCommand.Create();
        yield return Node.RunCommand.Create();
        yield return Node.ReplayCommand.Create();
        yield return Inspect.ClusterCommand.Create();
        yield return Inspect.ClusterShardingCommand.Create();
        yield return Inspect.ActorCommand.Create();
        yield return Inspect.SeriesCommand.Create();
        yield return Inspect.LedgerCommand.Ledger();
        yield return Inspect.LedgerCommand.Orders();
        yield return Demo.DemoCommand.Create();
    }
}
