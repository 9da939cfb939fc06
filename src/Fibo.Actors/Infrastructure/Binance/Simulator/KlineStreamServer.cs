using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Fibo.Actors.Infrastructure.Binance.Streams;
using Fibo.Messages.Primitives;
using Microsoft.AspNetCore.Http;
using Serilog;

namespace Fibo.Actors.Infrastructure.Binance.Simulator;

/// <summary>
/// The simulator's kline WebSocket: raw streams at <c>/ws/&lt;name&gt;</c>, combined ones at <c>/stream?streams=a/b</c>,
/// and the live SUBSCRIBE / UNSUBSCRIBE / LIST_SUBSCRIPTIONS requests. Each connection gets, every push interval, the
/// candles that closed since its last push (<c>x = true</c>, in order) and then the candle in progress (<c>x = false</c>);
/// a new connection starts at the candle in progress, as on Binance. Connections are closed at the age limit, pinged by
/// the server, and can be cut (<see cref="DisconnectAll"/>) or frozen half-open (<see cref="StallAll"/>) by a test.
/// </summary>
internal sealed class KlineStreamServer(SimulatedMarket market, ExchangeSimulatorOptions options, ILogger log)
{
    private readonly ConcurrentDictionary<long, Connection> _connections = new();
    private readonly Dictionary<string, SeriesKey> _byStreamName =
        market.Series.ToDictionary(KlineStreams.Name, StringComparer.Ordinal);
    private long _nextId;

    public int ConnectionCount => _connections.Count;

    public long TotalConnections => Interlocked.Read(ref _nextId);

    /// <summary>Resolves stream names; the first unknown one is returned as an error.</summary>
    public (List<SeriesKey> Series, string? Unknown) Resolve(IEnumerable<string> names)
    {
        var list = new List<SeriesKey>();
        foreach (var name in names)
        {
            if (!_byStreamName.TryGetValue(name, out var s)) return (list, name);
            if (!list.Contains(s)) list.Add(s);
        }
        return (list, null);
    }

    /// <summary>Cuts every open connection at once (no close frame), like a network drop.</summary>
    public int DisconnectAll()
    {
        int n = 0;
        foreach (var c in _connections.Values) { c.Abort(); n++; }
        return n;
    }

    /// <summary>Stops sending and reading on every open connection but keeps the TCP connection: a half-open link.</summary>
    public int StallAll()
    {
        int n = 0;
        foreach (var c in _connections.Values) { c.Stall(); n++; }
        return n;
    }

    public async Task HandleAsync(HttpContext context, List<SeriesKey> series, bool combined, CancellationToken stopping)
    {
        using var ws = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            KeepAliveInterval = options.PingInterval,
            KeepAliveTimeout = options.PongTimeout,
        });
        var connection = new Connection(Interlocked.Increment(ref _nextId), ws, context, combined);
        foreach (var s in series) connection.Subscribe(s, market);
        _connections[connection.Id] = connection;
        log.Debug("stream connection {Id} opened: {Streams}", connection.Id, string.Join(",", series.Select(KlineStreams.Name)));

        using var life = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping, connection.StallToken);
        using var age = new CancellationTokenSource(options.MaxConnectionAge);
        using var run = CancellationTokenSource.CreateLinkedTokenSource(life.Token, age.Token);
        try
        {
            var receive = ReceiveLoopAsync(connection, run.Token);
            var send = SendLoopAsync(connection, run.Token);
            await Task.WhenAny(receive, send);
            if (age.IsCancellationRequested && !life.IsCancellationRequested)
            {
                // Binance ends every connection at 24 hours.
                log.Debug("stream connection {Id} reached its age limit", connection.Id);
                await connection.CloseAsync("connection reached its 24-hour limit");
            }
            else if (connection.IsStalled)
            {
                // Half-open: keep the socket without reading or writing until the client gives up on it.
                using var hold = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
                await Quietly(Task.Delay(Timeout.Infinite, hold.Token));
            }
            await run.CancelAsync();
            await Quietly(receive);
            await Quietly(send);
        }
        finally
        {
            _connections.TryRemove(connection.Id, out _);
            log.Debug("stream connection {Id} closed", connection.Id);
        }
    }

    private async Task SendLoopAsync(Connection c, CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                foreach (var series in c.Subscriptions())
                {
                    long now = market.NowMs(series);
                    int closed = market.ClosedCount(series, now);
                    string name = KlineStreams.Name(series);
                    for (int i = c.NextClosed(series); i < closed; i++)
                    {
                        var candle = market.Closed(series, i);
                        await c.SendAsync(SimulatorJson.KlineEvent(series, name, candle, true, candle.CloseTime + 1, c.Combined, i * 1000L), ct);
                        c.SetNextClosed(series, i + 1);
                    }
                    if (market.InProgress(series, now) is { } partial)
                        await c.SendAsync(SimulatorJson.KlineEvent(series, name, partial, false, now, c.Combined, closed * 1000L), ct);
                }
                await Task.Delay(options.PushIntervalAt(market.Speed), ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (WebSocketException)
        {
            // The client went away.
        }
    }

    private async Task ReceiveLoopAsync(Connection c, CancellationToken ct)
    {
        var buffer = new byte[4096];
        try
        {
            while (!ct.IsCancellationRequested)
            {
                using var message = new MemoryStream();
                WebSocketReceiveResult result;
                do
                {
                    result = await c.Socket.ReceiveAsync(buffer, ct);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        await c.CloseAsync("bye");
                        return;
                    }
                    message.Write(buffer, 0, result.Count);
                } while (!result.EndOfMessage);
                if (result.MessageType == WebSocketMessageType.Text) await HandleRequestAsync(c, message.ToArray(), ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (WebSocketException)
        {
        }
    }

    /// <summary>Binance's live subscription requests: <c>{"method": "SUBSCRIBE", "params": ["ethbtc@kline_5m"], "id": 1}</c>.</summary>
    private async Task HandleRequestAsync(Connection c, byte[] json, CancellationToken ct)
    {
        JsonElement root;
        try
        {
            root = JsonDocument.Parse(json).RootElement;
        }
        catch (JsonException)
        {
            await c.SendAsync(SimulatorJson.Write(w => { w.WriteStartObject(); w.WriteNumber("code", 3); w.WriteString("msg", "Invalid JSON"); w.WriteEndObject(); }), ct);
            return;
        }
        var id = root.TryGetProperty("id", out var idValue) ? idValue.Clone() : default;
        string method = root.TryGetProperty("method", out var m) ? m.GetString() ?? "" : "";
        var names = root.TryGetProperty("params", out var p) && p.ValueKind == JsonValueKind.Array
            ? p.EnumerateArray().Select(x => x.GetString() ?? "").ToList() : [];
        switch (method)
        {
            case "SUBSCRIBE" or "UNSUBSCRIBE":
                var (series, unknown) = Resolve(names);
                if (unknown is not null)
                {
                    await c.SendAsync(Reply(id, w => { w.WriteStartObject("error"); w.WriteNumber("code", 2); w.WriteString("msg", $"Invalid request: unknown stream {unknown}"); w.WriteEndObject(); }), ct);
                    return;
                }
                foreach (var s in series)
                {
                    if (method == "SUBSCRIBE") c.Subscribe(s, market);
                    else c.Unsubscribe(s);
                }
                await c.SendAsync(Reply(id, w => w.WriteNull("result")), ct);
                break;
            case "LIST_SUBSCRIPTIONS":
                await c.SendAsync(Reply(id, w =>
                {
                    w.WriteStartArray("result");
                    foreach (var s in c.Subscriptions()) w.WriteStringValue(KlineStreams.Name(s));
                    w.WriteEndArray();
                }), ct);
                break;
            default:
                await c.SendAsync(Reply(id, w => { w.WriteStartObject("error"); w.WriteNumber("code", 2); w.WriteString("msg", "Invalid request: unknown method"); w.WriteEndObject(); }), ct);
                break;
        }
    }

    private static byte[] Reply(JsonElement id, Action<Utf8JsonWriter> body) => SimulatorJson.Write(w =>
    {
        w.WriteStartObject();
        body(w);
        w.WritePropertyName("id");
        if (id.ValueKind == JsonValueKind.Undefined) w.WriteNullValue();
        else id.WriteTo(w);
        w.WriteEndObject();
    });

    private static async Task Quietly(Task task)
    {
        try { await task; }
        catch (Exception) { }
    }

    private sealed class Connection(long id, WebSocket socket, HttpContext context, bool combined)
    {
        private readonly SemaphoreSlim _sendLock = new(1, 1);
        private readonly Dictionary<SeriesKey, int> _nextClosed = new();
        private readonly CancellationTokenSource _stall = new();

        public long Id { get; } = id;
        public WebSocket Socket { get; } = socket;
        public bool Combined { get; } = combined;
        public CancellationToken StallToken => _stall.Token;
        public bool IsStalled => _stall.IsCancellationRequested;

        public void Subscribe(SeriesKey series, SimulatedMarket market)
        {
            lock (_nextClosed)
                if (!_nextClosed.ContainsKey(series)) _nextClosed[series] = market.ClosedCount(series, market.NowMs(series));
        }

        public void Unsubscribe(SeriesKey series)
        {
            lock (_nextClosed) _nextClosed.Remove(series);
        }

        public SeriesKey[] Subscriptions()
        {
            lock (_nextClosed) return _nextClosed.Keys.ToArray();
        }

        public int NextClosed(SeriesKey series)
        {
            lock (_nextClosed) return _nextClosed.GetValueOrDefault(series, int.MaxValue);
        }

        public void SetNextClosed(SeriesKey series, int next)
        {
            lock (_nextClosed) if (_nextClosed.ContainsKey(series)) _nextClosed[series] = next;
        }

        public async Task SendAsync(byte[] message, CancellationToken ct)
        {
            await _sendLock.WaitAsync(ct);
            try { await Socket.SendAsync(message, WebSocketMessageType.Text, true, ct); }
            finally { _sendLock.Release(); }
        }

        public async Task CloseAsync(string reason)
        {
            try
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                if (Socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                    await Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, reason, cts.Token);
            }
            catch (Exception) { }
        }

        public void Abort() => context.Abort();

        public void Stall() => _stall.Cancel();
    }
}
