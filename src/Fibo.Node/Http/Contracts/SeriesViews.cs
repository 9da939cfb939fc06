namespace Fibo.Node.Http.Contracts;

/// <summary>A candle as the API shows it: UTC ms plus the same time as ISO text.</summary>
public sealed record CandleView(long OpenTime, string Time, double Open, double High, double Low, double Close, double Volume);

/// <summary>
/// A series entity's state (<c>SeriesStatus</c>): what it processed, its window, its last forecast, its decisions and the
/// position its account's executor reported. <see cref="State"/> is warming-up, running, backfilling, no-model or restarting.
/// </summary>
public sealed record SeriesStatusView(
    string Series,
    string? State,
    CandleView? LastCandle,
    long CandlesProcessed,
    long Duplicates,
    long Revisions,
    long Backfilled,
    int WindowFill,
    int WindowSize,
    long Predictions,
    long? LastPredictionOpenTime,
    double? LastPredictedReturn,
    double? LastPredictedVolatility,
    string? ModelVersion,
    long Decisions,
    long Orders,
    int PendingDecisions,
    string? Account,
    decimal PositionQuantity,
    decimal PositionAverageEntryPrice,
    bool PendingOrder);

/// <summary>What the candle store holds of a series.</summary>
public sealed record StoredSeriesView(long Rows, long FirstOpenTime, long LastOpenTime, string First, string Last);

/// <summary>
/// One series of <c>GET /api/series</c>: its rows in the candle store (null when it has none) and, when its entity is
/// live in the <c>candle-series</c> region, the entity's status (or why it could not be read).
/// </summary>
public sealed record SeriesSummaryView(string Series, StoredSeriesView? Stored, bool EntityLive, SeriesStatusView? Status, string? StatusError);

/// <summary>
/// <c>GET /api/series</c>. <see cref="RegionRunning"/> is false when this node has no <c>candle-series</c> region (no
/// pipeline); <see cref="EntitiesError"/> says why the live entities could not be listed (the store's series still are).
/// </summary>
public sealed record SeriesListView(string Store, bool RegionRunning, string? EntitiesError, IReadOnlyList<SeriesSummaryView> Series);

/// <summary><c>GET /api/series/{key}/candles</c>: the last candles of a series, oldest first.</summary>
public sealed record CandlesView(string Series, int Count, IReadOnlyList<CandleView> Candles);
