using System.Buffers;
using System.Net.WebSockets;
using System.Threading.Channels;
using Fibo.Actors.Infrastructure.Binance.MarketData;
using Fibo.Actors.Infrastructure.MarketData;
using Fibo.Messages.Primitives;
using Serilog;

namespace Fibo.Actors.Infrastructure.Binance.Streams;

/// <summary>
/// Binance's kline WebSocket for many series on one combined-stream connection, delivering every closed candle
/// (<c>k.x = true</c>) to an <see cref="ICandleSink"/> exactly in open-time order per series, none skipped and none twice
/// (within one run; across restarts, start it from the store with <see cref="ResumePointsAsync"/>).
/// <list type="bullet">
/// <item>Losing the connection (error, server close, dead keep-alive, Binance's 24-hour cut) reconnects with jittered
/// exponential backoff; the connection URL carries the subscriptions, so reconnecting resubscribes.</item>
/// <item>Any push for a candle opened at <c>t</c> proves every candle before <c>t</c> has closed: when the last one we
/// delivered is older than the one right before <c>t</c>, the missing ones are fetched with REST klines
/// (<c>endTime = t − 1</c>) and delivered first. That closes the gap left by a disconnect without a clock.</item>
/// <item>A series without a resume point starts with the last <see cref="KlineFeedOptions.WarmupCandles"/> closed candles
/// from REST (the newest kline Binance returns is the one in progress; everything before it has closed).</item>
/// <item>The socket is read on its own loop (so pings are answered and our keep-alive PONGs seen while the sink or a
/// backfill is slow); pushes wait in a bounded buffer for the sink.</item>
/// </list>
/// </summary>
public sealed class BinanceKlineFeed
{
    public const string LiveSource = "binance_ws";
    public const string BackfillSource = "binance_rest";

    private readonly BinanceOptions _options;
    private readonly IReadOnlyList<SeriesKey> _series;
    private readonly Dictionary<(string Symbol, string Interval), SeriesKey> _index;
    private readonly ICandleSink _sink;
    private readonly BinanceMarketData _rest;
    private readonly KlineFeedOptions _feed;
    private readonly ILogger _log;
    private readonly Dictionary<SeriesKey, long> _lastDelivered = new();
    private readonly Dictionary<SeriesKey, long> _checkedThrough = new();
    private readonly object _stateLock = new();

    public BinanceKlineFeed(BinanceOptions options, IReadOnlyCollection<SeriesKey> series, ICandleSink sink, BinanceMarketData rest,
        KlineFeedOptions? feedOptions = null, IReadOnlyDictionary<SeriesKey, long>? lastClosedOpenTimes = null, ILogger? log = null)
    {
        _options = options.Validate();
        _series = series.Distinct().ToArray();
        Url = KlineStreams.CombinedUrl(options.StreamBaseUrl, _series);
        _index = KlineStreams.Index(_series);
        _sink = sink;
        _rest = rest;
        _feed = feedOptions ?? new KlineFeedOptions();
        _log = log ?? Log.ForContext<BinanceKlineFeed>();
        if (lastClosedOpenTimes is not null)
            foreach (var (key, openTime) in lastClosedOpenTimes)
                if (_index.ContainsValue(key)) _lastDelivered[key] = openTime;
    }

    public Uri Url { get; }

    public IReadOnlyList<SeriesKey> Series => _series;

    public KlineFeedStats Stats { get; } = new();

    /// <summary>Open time of the last closed candle delivered for <paramref name="series"/>, or null before the first.</summary>
    public long? LastDelivered(SeriesKey series)
    {
        lock (_stateLock) return _lastDelivered.TryGetValue(series, out var t) ? t : null;
    }

    /// <summary>The newest stored open time of each series: where a restarted feed continues (its gap check backfills the rest).</summary>
    public static async Task<IReadOnlyDictionary<SeriesKey, long>> ResumePointsAsync(ICandleStore store, IEnumerable<SeriesKey> series, CancellationToken ct = default)
    {
        var points = new Dictionary<SeriesKey, long>();
        foreach (var s in series)
            if (await store.GetLastOpenTimeAsync(s, ct) is { } last) points[s] = last;
        return points;
    }

    /// <summary>Runs until <paramref name="ct"/> is cancelled; never returns on its own.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        var backoff = new ReconnectBackoff(_feed.MinReconnectDelay, _feed.MaxReconnectDelay);
        _log.Information("Binance kline feed: {Count} series on {Url}", _series.Count, Url);
        await WarmUpAsync(ct);
        while (!ct.IsCancellationRequested)
        {
            bool scheduled = false;
            bool connected = false;
            try
            {
                using var ws = new ClientWebSocket();
                ws.Options.KeepAliveInterval = _feed.KeepAliveInterval;
                ws.Options.KeepAliveTimeout = _feed.KeepAliveTimeout;
                using (var connectCts = CancellationTokenSource.CreateLinkedTokenSource(ct))
                {
                    connectCts.CancelAfter(_feed.ConnectTimeout);
                    await ws.ConnectAsync(Url, connectCts.Token);
                }
                connected = true;
                Stats.Connected();
                backoff.Reset();
                _log.Information("Binance kline feed connected (connection {Number})", Stats.Connections);
                scheduled = await RunSessionAsync(ws, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                _log.Warning("Binance kline feed {What}: {Error}", connected ? "connection lost" : "could not connect", e.Message);
            }

            if (connected) Stats.Disconnected(scheduled);
            else Stats.ConnectFailed();
            if (ct.IsCancellationRequested) break;
            if (scheduled) continue;
            var delay = backoff.Next();
            _log.Information("Binance kline feed reconnecting in {DelayMs} ms (attempt {Attempt})", (long)delay.TotalMilliseconds, backoff.ConsecutiveFailures);
            try { await Task.Delay(delay, ct); }
            catch (OperationCanceledException) { break; }
        }
        _log.Information("Binance kline feed stopped: {Live} live and {Backfilled} backfilled candles", Stats.LiveCandles, Stats.BackfilledCandles);
    }

    /// <summary>Delivers the last <see cref="KlineFeedOptions.WarmupCandles"/> closed candles of every series that has no resume point.</summary>
    private async Task WarmUpAsync(CancellationToken ct)
    {
        if (_feed.WarmupCandles <= 0) return;
        foreach (var series in _series)
        {
            if (LastDelivered(series) is not null) continue;
            try
            {
                var newest = await _rest.GetKlinesAsync(series.Symbol, series.Timeframe, null, null, 1, ct);
                if (newest.Count == 0) continue;
                long inProgress = newest[^1].OpenTime;
                await BackfillAsync(series, series.Timeframe.Add(inProgress, -_feed.WarmupCandles), inProgress - 1, "warm-up", ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                // Not fatal: the stream starts cold and the features warm up on live candles.
                _log.Warning("Binance kline feed: warm-up history of {Series} failed ({Error}); starting with live candles", series, e.Message);
            }
        }
    }

    /// <summary>One connection: read and deliver until it ends. True when it ended because it reached its age limit.</summary>
    private async Task<bool> RunSessionAsync(ClientWebSocket ws, CancellationToken ct)
    {
        using var session = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var age = new CancellationTokenSource(_feed.MaxConnectionAge);
        using var readStop = CancellationTokenSource.CreateLinkedTokenSource(session.Token, age.Token);
        var buffer = Channel.CreateBounded<KlineUpdate>(new BoundedChannelOptions(_feed.BufferCapacity) { SingleReader = true, SingleWriter = true });

        var reader = ReadLoopAsync(ws, buffer.Writer, readStop.Token);
        var processor = ProcessLoopAsync(buffer.Reader, session.Token);

        var first = await Task.WhenAny(reader, processor);
        if (first == processor)
        {
            // The sink or a backfill failed: stop reading and let the reconnect loop retry from the last delivered candle.
            await session.CancelAsync();
            await Swallow(reader);
            await processor; // rethrows the failure
            return false;
        }

        bool scheduled = age.IsCancellationRequested && !ct.IsCancellationRequested;
        Exception? readError = null;
        try
        {
            await reader;
        }
        catch (Exception e)
        {
            readError = e;
        }
        // Deliver what was already received before the session ends, so no two sessions ever deliver at once.
        buffer.Writer.TryComplete();
        await processor;
        if (readError is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(readError);
        if (scheduled)
        {
            _log.Information("Binance kline feed: connection is {Age} old, reconnecting before Binance's 24-hour cut", _feed.MaxConnectionAge);
            await CloseQuietlyAsync(ws);
        }
        else if (ct.IsCancellationRequested)
        {
            await CloseQuietlyAsync(ws);
        }
        return scheduled;
    }

    private async Task ReadLoopAsync(ClientWebSocket ws, ChannelWriter<KlineUpdate> writer, CancellationToken ct)
    {
        var message = new ArrayBufferWriter<byte>(16 * 1024);
        try
        {
            while (true)
            {
                message.ResetWrittenCount();
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await ws.ReceiveAsync(message.GetMemory(8 * 1024), ct);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        _log.Information("Binance kline feed: server closed the connection ({Status} {Description})", ws.CloseStatus, ws.CloseStatusDescription);
                        return;
                    }
                    message.Advance(result.Count);
                } while (!result.EndOfMessage);

                if (result.MessageType != WebSocketMessageType.Text) continue;
                KlineUpdate? update;
                try
                {
                    update = KlineStreams.Parse(message.WrittenSpan, _index);
                }
                catch (Exception e) when (e is System.Text.Json.JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
                {
                    _log.Warning("Binance kline feed: unreadable message skipped ({Error})", e.Message);
                    continue;
                }
                if (update is { } u)
                {
                    Stats.Update();
                    await writer.WriteAsync(u, ct);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Session ends (age limit, shutdown or a failed processor).
        }
    }

    private async Task ProcessLoopAsync(ChannelReader<KlineUpdate> reader, CancellationToken ct)
    {
        await foreach (var update in reader.ReadAllAsync(ct))
            await HandleAsync(update, ct);
    }

    private async Task HandleAsync(KlineUpdate update, CancellationToken ct)
    {
        var series = update.Series;
        long openTime = update.Candle.OpenTime;
        long? last = LastDelivered(series);

        if (last is { } l)
        {
            long expected = series.Timeframe.Add(l);
            long checkedThrough;
            lock (_stateLock) checkedThrough = _checkedThrough.GetValueOrDefault(series, long.MinValue);
            if (openTime > expected && checkedThrough < openTime - 1)
            {
                await BackfillAsync(series, expected, openTime - 1, "missed while disconnected", ct);
                lock (_stateLock) _checkedThrough[series] = openTime - 1;
            }
        }

        if (!update.IsClosed) return;
        last = LastDelivered(series);
        if (last is { } delivered && openTime <= delivered)
        {
            Stats.Duplicate();
            return;
        }
        await _sink.PublishAsync(series, update.Candle, LiveSource, ct);
        lock (_stateLock) _lastDelivered[series] = openTime;
        Stats.Live();
    }

    /// <summary>Delivers the closed candles of <paramref name="series"/> opened in [<paramref name="from"/>, <paramref name="to"/>] from REST.</summary>
    private async Task BackfillAsync(SeriesKey series, long from, long to, string why, CancellationToken ct)
    {
        int delivered = 0;
        await foreach (var page in _rest.GetKlineRangeAsync(series, from, to, closedOnly: false, ct))
        {
            foreach (var candle in page)
            {
                if (LastDelivered(series) is { } last && candle.OpenTime <= last) continue;
                await _sink.PublishAsync(series, candle, BackfillSource, ct);
                lock (_stateLock) _lastDelivered[series] = candle.OpenTime;
                Stats.Backfilled();
                delivered++;
            }
        }
        long expected = series.Timeframe.CandlesBetween(series.Timeframe.Floor(from), series.Timeframe.Floor(to)) + 1;
        if (delivered < expected)
            _log.Warning("Binance kline feed: {Series} {Why} {From}..{To}: REST had {Delivered} of {Expected} candles (the exchange has none for the rest)",
                series, why, from, to, delivered, expected);
        else
            _log.Information("Binance kline feed: {Series} backfilled {Delivered} candle(s) ({Why})", series, delivered, why);
    }

    private static async Task CloseQuietlyAsync(ClientWebSocket ws)
    {
        if (ws.State is not (WebSocketState.Open or WebSocketState.CloseReceived)) return;
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await ws.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", cts.Token);
        }
        catch (Exception)
        {
            // Closing is a courtesy; the connection is discarded either way.
        }
    }

    private static async Task Swallow(Task task)
    {
        try { await task; }
        catch (Exception) { /* the session is ending for another reason */ }
    }
}
