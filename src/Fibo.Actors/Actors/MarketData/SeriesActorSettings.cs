using Akka.Actor;
using Fibo.Actors.Actors.Common;
using Fibo.Actors.Domain.Trading;
using Fibo.Actors.Hosting.Options;
using Fibo.Actors.Infrastructure.MarketData;

namespace Fibo.Actors.Actors.MarketData;

/// <summary>How a series entity trades and how long it waits.</summary>
/// <param name="Account">The account whose executor gets this series' intents.</param>
/// <param name="WarmupCandles">Candles read back from the store on start to warm the features up.</param>
/// <param name="MaxPendingDecisions">Candles waiting for their decision before the entity stops taking new ones.</param>
/// <param name="ExecutorTimeout">How long a step waits for the executor before the series goes on without its answer.</param>
/// <param name="RedecideCandles">
/// At most this many of the newest stored candles are decided again when the entity starts (those after the series' last
/// intent): the decisions an earlier life had queued but not made when it stopped, moved to another node or crashed. An
/// entity never has more undecided candles than <see cref="MaxPendingDecisions"/> plus one ingest batch.
/// </param>
public sealed record SeriesActorSettings(
    string Account,
    TradingPolicyOptions Policy,
    DecisionClock Clock,
    int WarmupCandles,
    int MaxPendingDecisions,
    TimeSpan ExecutorTimeout,
    TimeSpan PredictTimeout,
    int RedecideCandles = 256)
{
    /// <summary>
    /// How often a step waiting for the executor sends its message again (the executor dedupes both): a message to an
    /// executor whose node died or handed its shard off is lost, and the executor's new incarnation must get it.
    /// </summary>
    public TimeSpan ExecutorResendEvery => TimeSpan.FromTicks(Math.Clamp(ExecutorTimeout.Ticks / 5, TimeSpan.TicksPerSecond, 3 * TimeSpan.TicksPerSecond));
}

/// <summary>What a series entity talks to. <see cref="Executors"/> is resolved on first use (the regions start in any order).</summary>
public sealed record SeriesDependencies(
    ICandleStore Store,
    IActorRef Writer,
    IActorRef Predictor,
    Func<IActorRef> Executors,
    ICandleHistorySource? History,
    PipelineMetrics Metrics,
    TimeProvider Clock);
