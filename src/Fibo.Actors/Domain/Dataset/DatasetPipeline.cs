using Fibo.Actors.Domain.Features;
using Fibo.Messages.MarketData;

namespace Fibo.Actors.Domain.Dataset;

/// <summary>What <see cref="DatasetPipeline.Prepare(ReadOnlySpan{Candle}, DatasetRequest)"/> builds.</summary>
public sealed record DatasetRequest(FeatureSet Set, SequenceOptions Sequences)
{
    public double ValFraction { get; init; } = 0.2;
    public double TestFraction { get; init; } = 0.1;

    /// <summary>Leave a gap of the largest horizon before val and test and fit the scaler on train inputs only (default). False = the seed.</summary>
    public bool Purge { get; init; } = true;

    /// <summary>Walk-forward folds to report (0: none).</summary>
    public int Folds { get; init; }

    public WalkForwardMode FoldMode { get; init; } = WalkForwardMode.Expanding;
}

/// <summary>
/// A training dataset built the seed's prepare way, with the port's fixes: features → dropna → windows (never across
/// a gap) → temporal split (purged) → scaler fit on training rows only → all rows scaled in float64 → windows as
/// float32.
/// </summary>
public sealed record PreparedDataset(
    DatasetRequest Request,
    int CandleCount,
    FeatureFrame Features,
    FeatureFrame Scaled,
    StandardScaler Scaler,
    SequenceDataset Sequences,
    DatasetSplit Split,
    IReadOnlyList<WalkForwardFold> Folds)
{
    /// <summary>Candles the seed's dropna removed (the warm-up and any incomplete row).</summary>
    public int DroppedRows => CandleCount - Features.RowCount;
}

public static class DatasetPipeline
{
    public static PreparedDataset Prepare(ReadOnlySpan<Candle> candles, DatasetRequest request)
    {
        var features = request.Set.CreateBatch().Compute(candles).DropIncomplete();
        if (features.RowCount == 0)
            throw new InputException($"no complete feature rows: {candles.Length} candles, and feature set {request.Set.Name} needs at least {request.Set.WarmUp + 1}");
        return Prepare(features, request.Set.Columns, request, candles.Length);
    }

    /// <summary>The same from a frame of complete rows (e.g. with extra columns, as the audit tests use).</summary>
    public static PreparedDataset Prepare(FeatureFrame features, IReadOnlyList<string> columns, DatasetRequest request, int candleCount)
    {
        var selected = features.SelectColumns(columns);
        var (endRows, gaps, dropped) = SequenceBuilder.PlanWindows(selected.Timestamps, request.Sequences);
        var split = TemporalSplit.Split(endRows, request.Sequences.MaxHorizon, request.ValFraction, request.TestFraction, request.Purge);
        var scaler = StandardScaler.Fit(selected, split.TrainRowsEnd);
        var scaled = scaler.Transform(selected);
        var sequences = SequenceBuilder.Build(scaled, columns, request.Sequences, endRows, gaps, dropped);
        var folds = request.Folds > 0
            ? WalkForward.Folds(endRows, request.Folds, request.FoldMode, request.Purge ? request.Sequences.MaxHorizon : 0)
            : [];
        return new PreparedDataset(request, candleCount, selected, scaled, scaler, sequences, split, folds);
    }
}
