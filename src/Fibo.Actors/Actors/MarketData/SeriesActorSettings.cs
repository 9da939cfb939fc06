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
public sealed record SeriesActorSettings(
    string Account,
    TradingPolicyOptions Policy,
    DecisionClock Clock,
    int WarmupCandles,
    int MaxPendingDecisions,
    TimeSpan ExecutorTimeout,
    TimeSpan PredictTimeout);

/// <summary>What a series entity talks to. <see cref="Executors"/> is resolved on first use (the regions start in any order).</summary>
public sealed record SeriesDependencies(
    ICandleStore Store,
    IActorRef Writer,
    IActorRef Predictor,
    Func<IActorRef> Executors,
    ICandleHistorySource? History,
    PipelineMetrics Metrics,
    TimeProvider Clock);
