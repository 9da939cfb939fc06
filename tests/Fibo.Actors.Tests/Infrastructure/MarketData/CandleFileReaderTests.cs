using System.IO.Compression;
using Fibo.Actors.Domain;
using Fibo.Actors.Domain.MarketData;
using Fibo.Actors.Infrastructure.MarketData.Files;
using Fibo.Actors.Tests.Support;
using Fibo.Messages.MarketData;
using Fibo.Messages.Primitives;

namespace Fibo.Actors.Tests.Infrastructure.MarketData;

public class CandleFileReaderTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Reads_a_real_freqtrade_csv_with_its_series_from_the_file_name()
    {
        var file = CandleFileReader.Read(TestData.Path("MarketData", "ETH_BTC-5m.csv"));
        Assert.Equal(CandleFileFormat.FreqtradeCsv, file.Format);
        Assert.Equal(TimestampUnit.Milliseconds, file.Unit);
        Assert.Empty(file.ParseIssues);
        var series = Assert.Single(file.Series);
        Assert.Equal("ETH_BTC-5m", series.Key.ToString());
        Assert.Equal(300, series.Rows.Count);
        var first = series.Rows[0];
        Assert.Equal(2, first.Line);
        Assert.Equal(new Candle(1515560100000, 0.0984, 0.0994766, 0.09828605, 0.0994766, 1820.54447418, 1515560399999), first.Candle);
        Assert.True(CandleValidator.Validate(file.Path, series.Key.Timeframe, series.Rows).IsValid);
    }

    [Fact]
    public void Reads_freqtrade_json_arrays_and_gzip()
    {
        const string json = "[[1515560100000,0.0984,0.0994766,0.09828605,0.0994766,1820.54447418],\n[1515560400000,\"0.09946999\",0.0997238,0.099,0.09969,2527.92100293]]";
        var plain = _dir.Write("ETH_BTC-5m.json", json);
        var gz = _dir.File("ETH_BTC-5m.json.gz");
        using (var s = new GZipStream(File.Create(gz), CompressionLevel.Fastest))
            s.Write(System.Text.Encoding.UTF8.GetBytes(json));

        foreach (var path in new[] { plain, gz })
        {
            var file = CandleFileReader.Read(path);
            Assert.Equal(CandleFileFormat.FreqtradeJson, file.Format);
            var rows = Assert.Single(file.Series).Rows;
            Assert.Equal([1515560100000, 1515560400000], rows.Select(r => r.Candle.OpenTime));
            Assert.Equal(0.09946999, rows[1].Candle.Open);
            Assert.Equal("row", file.LineLabel);
        }
    }

    [Fact]
    public void A_json_row_that_is_not_a_candle_is_a_parse_issue_by_row()
    {
        var path = _dir.Write("ETH_BTC-5m.json", "[[1515560100000,1,1,1,1,1],[1515560400000,1,\"x\",1,1,1],{\"a\":1},[1515561000000,1,1,1,1,null]]");
        var file = CandleFileReader.Read(path);
        Assert.Equal([(2, "high", "x"), (3, "row", "{\"a\":1}"), (4, "volume", "null")], file.ParseIssues.Select(i => (i.Line, i.Field, i.Value)));
        Assert.Single(file.Series[0].Rows);
    }

    [Fact]
    public void Broken_json_is_an_input_error_with_its_position()
    {
        var path = _dir.Write("ETH_BTC-5m.json", "[[1515560100000,1,1,1,1,1],\n[1515560400000,1,1,");
        var e = Assert.Throws<InputException>(() => CandleFileReader.Read(path));
        Assert.Contains("ETH_BTC-5m.json: not valid JSON at line 2", e.Message);
    }

    [Fact]
    public void Seconds_are_detected_converted_and_noted()
    {
        var path = _dir.Write("ETH_BTC-5m.csv", "timestamp,open,high,low,close,volume\n1515560100,1,1.2,0.9,1.1,5\n1515560400,1,1.2,0.9,1.1,5\n");
        var file = CandleFileReader.Read(path);
        Assert.Equal(TimestampUnit.Seconds, file.Unit);
        Assert.Equal([1515560100000, 1515560400000], file.Series[0].Rows.Select(r => r.Candle.OpenTime));
        Assert.Contains(file.Notes, n => n.Contains("seconds"));
    }

    [Fact]
    public void A_row_in_another_unit_than_the_file_is_a_parse_issue()
    {
        var path = _dir.Write("ETH_BTC-5m.csv", "timestamp,open,high,low,close,volume\n1515560100000,1,1.2,0.9,1.1,5\n1515560400,1,1.2,0.9,1.1,5\n");
        var issue = Assert.Single(CandleFileReader.Read(path).ParseIssues);
        Assert.Equal((3, "timestamp", "1515560400"), (issue.Line, issue.Field, issue.Value));
        Assert.Contains("seconds", issue.Problem);
    }

    [Fact]
    public void Unparsable_fields_and_short_rows_are_parse_issues_naming_line_field_and_value()
    {
        var path = _dir.Write("ETH_BTC-5m.csv",
            "timestamp,open,high,low,close,volume\n1515560100000,1,1.2,0.9,1.1,5\nyesterday,1,1,1,1,1\n1515560700000,1,abc,0.9,1.1,5\n1515561000000,1,1.2\n1515561300000,nan,1.2,0.9,1.1,\n");
        var file = CandleFileReader.Read(path);
        Assert.Equal(
            [(3, "timestamp", "yesterday"), (4, "high", "abc"), (5, "row", "1515561000000,1,1.2"), (6, "volume", "")],
            file.ParseIssues.Select(i => (i.Line, i.Field, i.Value)));
        Assert.Equal([2], file.Series[0].Rows.Select(r => r.Line));
    }

    [Fact]
    public void Nan_text_parses_to_nan_so_the_validator_names_it()
    {
        var path = _dir.Write("ETH_BTC-5m.csv", "timestamp,open,high,low,close,volume\n1515560100000,nan,1.2,0.9,1.1,5\n");
        var file = CandleFileReader.Read(path);
        var v = CandleValidator.Validate(file.Path, Timeframe.M5, file.Series[0].Rows);
        var issue = Assert.Single(v.Issues);
        Assert.Equal(("open", "NaN", "not a finite number"), (issue.Field, issue.Value, issue.Problem));
    }

    [Fact]
    public void The_seeds_influx_export_holds_several_series_with_their_sources()
    {
        var path = _dir.Write("ohlcv_2025-10-30.csv",
            "symbol,timeframe,ts,o,h,l,c,v,source\n" +
            "BTC/USDT,1m,1761782400000,100,101,99,100.5,3,binance_ws\n" +
            "ETHBTC,5m,1761782400000,0.03,0.031,0.029,0.0305,7,kafka\n" +
            "BTC/USDT,1m,1761782460000,100.5,102,100,101,4,binance_ws\n");
        var file = CandleFileReader.Read(path);
        Assert.Equal(CandleFileFormat.InfluxExportCsv, file.Format);
        Assert.Equal(["BTC_USDT-1m", "ETH_BTC-5m"], file.Series.Select(s => s.Key.ToString()));
        Assert.Equal(["binance_ws", "kafka"], file.Series.Select(s => s.Source));
        Assert.Equal(2, file.Series[0].Rows.Count);
    }

    [Fact]
    public void Tradingview_uses_the_base_volume_column_by_the_seeds_priority()
    {
        var path = _dir.Write("BTC_USDT-1h.csv",
            "Unix,Date,Symbol,Open,High,Low,Close,Volume BTC,Volume USDT,tradecount\n" +
            "1761782400000,2025-10-30 00:00:00,BTCUSDT,100,101,99,100.5,3.5,350,10\n");
        var file = CandleFileReader.Read(path);
        Assert.Equal(CandleFileFormat.TradingViewCsv, file.Format);
        var s = Assert.Single(file.Series);
        Assert.Equal("BTC_USDT-1h", s.Key.ToString());
        Assert.Equal("csv_tradingview", s.Source);
        Assert.Equal(3.5, s.Rows[0].Candle.Volume);
        Assert.Contains(file.Notes, n => n.Contains("Volume BTC"));
    }

    [Fact]
    public void Tradingview_lower_case_in_seconds_with_the_series_given_explicitly()
    {
        var path = _dir.Write("export.csv", "unix,open,high,low,close,volume\n1761782400,100,101,99,100.5,2\n");
        var file = CandleFileReader.Read(path, new CandleFileReadOptions(SeriesKey.Parse("ETH/BTC:1h")));
        Assert.Equal(CandleFileFormat.TradingViewLowerCsv, file.Format);
        Assert.Equal(TimestampUnit.Seconds, file.Unit);
        Assert.Equal("ETH_BTC-1h", file.Series[0].Key.ToString());
        Assert.Equal(1761782400000, file.Series[0].Rows[0].Candle.OpenTime);
    }

    [Theory]
    [InlineData("ETH_BTC-5m.csv", "ETH_BTC-5m")]
    [InlineData("/x/y/LTC_BTC-1h.json", "LTC_BTC-1h")]
    [InlineData("XRP_ETH-1m.json.gz", "XRP_ETH-1m")]
    [InlineData("ETH_BTC-5m.feather", "ETH_BTC-5m")]
    [InlineData("BTC_USDT-1d-futures.json", "BTC_USDT-1d")]
    [InlineData("UNITTEST_BTC-30m.csv", "UNITTEST_BTC-30m")]
    public void Series_keys_come_from_freqtrade_file_names(string path, string key)
    {
        Assert.True(CandleFileName.TryParse(path, out var k));
        Assert.Equal(key, k.ToString());
    }

    [Fact]
    public void A_file_without_a_series_is_refused_with_the_fix()
    {
        var path = _dir.Write("candles.csv", "timestamp,open,high,low,close,volume\n1515560100000,1,1.2,0.9,1.1,5\n");
        var e = Assert.Throws<InputException>(() => CandleFileReader.Read(path));
        Assert.Contains("--series", e.Message);
        Assert.Contains("ETH_BTC-5m.csv", e.Message);
    }

    [Fact]
    public void An_unknown_header_is_refused_naming_the_formats()
    {
        var path = _dir.Write("ETH_BTC-5m.csv", "time,price\n1,2\n");
        var e = Assert.Throws<InputException>(() => CandleFileReader.Read(path));
        Assert.Contains("unknown CSV format, header 'time,price'", e.Message);
        Assert.Contains("timestamp,open,high,low,close,volume", e.Message);
    }

    [Fact]
    public void A_missing_file_is_an_input_error()
    {
        var e = Assert.Throws<InputException>(() => CandleFileReader.Read(_dir.File("nope-5m.csv")));
        Assert.Contains("file not found", e.Message);
    }

    [Fact]
    public async Task Export_then_import_round_trips_every_bit()
    {
        var rnd = new Random(7);
        long t = 1515560100000;
        var candles = Enumerable.Range(0, 500).Select(i =>
        {
            double o = rnd.NextDouble() + 0.01, c = rnd.NextDouble() + 0.01;
            return Candle.Closed(t + i * 300_000L, o, Math.Max(o, c) + rnd.NextDouble() / 3, Math.Min(o, c) * 0.9, c, rnd.NextDouble() * 1e4, t + (i + 1) * 300_000L);
        }).ToList();
        foreach (var name in new[] { "ETH_BTC-5m.csv", "ETH_BTC-5m.json" })
        {
            var path = _dir.File(name);
            Assert.Equal(500, await CandleFileWriter.WriteAsync(path, candles));
            var back = CandleFileReader.Read(path).Series[0].Rows.Select(r => r.Candle).ToList();
            Assert.Equal(candles, back);
        }
    }
}
