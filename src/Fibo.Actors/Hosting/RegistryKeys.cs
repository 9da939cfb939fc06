namespace Fibo.Actors.Hosting;

// Keys of the node's actors in Akka.Hosting's ActorRegistry (registry.Get<SeriesRegion>()): the HTTP API, the CLI's node
// verbs and the tests reach the pipeline through them.

/// <summary>The <c>candle-series</c> shard region (or its proxy on a node without the compute role).</summary>
public sealed class SeriesRegion;

/// <summary>The <c>order-executor</c> shard region (or its proxy on a node without the trading role).</summary>
public sealed class OrderExecutorRegion;

/// <summary>The node's batching candle writer (compute role).</summary>
public sealed class CandleWriter;

/// <summary>The node's predictor (compute role).</summary>
public sealed class Predictor;

/// <summary>The node's Kafka candle ingest (ingest role).</summary>
public sealed class CandleIngest;
