namespace Fibo.Actors.Infrastructure.MarketData.Files;

/// <summary>The candle file layouts Fibo reads. Detection follows the seed's column rules (SEED-SPEC §2.6).</summary>
public enum CandleFileFormat
{
    /// <summary><c>timestamp,open,high,low,close,volume</c> (the shared data and our export).</summary>
    FreqtradeCsv,
    /// <summary>freqtrade's JSON arrays <c>[[ts,o,h,l,c,v],...]</c> (also <c>.json.gz</c>).</summary>
    FreqtradeJson,
    /// <summary>The seed's Kafka-consumer export: <c>symbol,timeframe,ts,o,h,l,c,v,source</c>, several series per file.</summary>
    InfluxExportCsv,
    /// <summary>TradingView export: <c>Unix,Open,High,Low,Close</c> (+ <c>Symbol</c>, a volume column).</summary>
    TradingViewCsv,
    /// <summary>TradingView export with lower-case headers: <c>unix,open,high,low,close</c>.</summary>
    TradingViewLowerCsv,
    /// <summary>A SQLite database with the seed's <c>ohlcv</c> table (made by the Python tools or by Fibo), read as a source.</summary>
    SqliteDatabase,
}

public static class CandleFileFormats
{
    /// <summary>A short name for reports: freqtrade-csv, freqtrade-json, seed-export, tradingview, tradingview-lower.</summary>
    public static string Label(this CandleFileFormat format) => format switch
    {
        CandleFileFormat.FreqtradeCsv => "freqtrade-csv",
        CandleFileFormat.FreqtradeJson => "freqtrade-json",
        CandleFileFormat.InfluxExportCsv => "seed-export",
        CandleFileFormat.TradingViewCsv => "tradingview",
        CandleFileFormat.SqliteDatabase => "sqlite-db",
        _ => "tradingview-lower",
    };
}
