using Fibo.Actors.Domain;
using Fibo.Actors.Domain.MarketData;
using Fibo.Actors.Infrastructure.MarketData.Files;
using Fibo.Messages.MarketData;
using Fibo.Messages.Primitives;

namespace Fibo.Actors.Infrastructure.Backtesting;

/// <summary>The candles of one series from a file, validated: a backtest never runs on rows it would have to guess about.</summary>
public static class BacktestInput
{
    public static (SeriesKey Series, IReadOnlyList<Candle> Candles) Load(string path, SeriesKey? series = null)
    {
        var file = CandleFileReader.Read(path, new CandleFileReadOptions(series));
        if (file.Series.Count != 1)
            throw new InputException(
                $"{path}: holds {file.Series.Count} series ({string.Join(", ", file.Series.Select(s => s.Key))}); a backtest runs one: " +
                "pass a file with one series, or name it with --series");
        var s = file.Series[0];
        var validation = CandleValidator.Validate(file.Path, s.Key.Timeframe, s.Rows, file.LineLabel);
        var issues = file.ParseIssues.Concat(validation.Issues).OrderBy(i => i.Line).ToList();
        if (issues.Count > 0)
            throw CandleValidationException.Refusing(issues, "Fix these rows (or remove them) and run the backtest again.");
        if (validation.Valid.Count == 0) throw new InputException($"{path}: no candles to backtest");
        return (s.Key, validation.Valid);
    }
}
