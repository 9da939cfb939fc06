namespace Fibo.Node.Cli.Demo;

/// <summary>What <c>fibo demo</c> was asked to do.</summary>
internal sealed record DemoSettings(
    string OutDirectory,
    string SampleDirectory,
    bool Follow,
    double Speed,
    int Epochs,
    int? MaxCandles,
    bool Retrain,
    int HttpPort,
    bool Json)
{
    public const string Account = "demo";
    public const string TrainingSeries = "ETH_BTC-5m";

    /// <summary>The share of the training series' candles the demo model learns from (the rest is out of sample).</summary>
    public const double TrainingShare = 0.6;

    public string DataDirectory => Path.Combine(OutDirectory, "data");
    public string ModelsDirectory => Path.Combine(OutDirectory, "models");
    public string PlotsDirectory => Path.Combine(OutDirectory, "plots");
    public string LedgerCsv => Path.Combine(OutDirectory, "ledger.csv");
    /// <summary>The log file as configured; the file sink rolls daily and puts the date before the extension.</summary>
    public string LogFile => Path.Combine(OutDirectory, "fibo-demo.log");

    /// <summary>The log files actually written (fibo-demo20260101.log).</summary>
    public string LogFilesWritten =>
        Directory.Exists(OutDirectory) && Directory.GetFiles(OutDirectory, "fibo-demo*.log").OrderBy(f => f, StringComparer.Ordinal).LastOrDefault() is { } f
            ? f
            : LogFile;
    public string CandleDb => Path.Combine(DataDirectory, "fibo-candles.db");
    public string JournalDb => Path.Combine(DataDirectory, "fibo-journal.db");
}
