using Akka.Actor;
using Akka.Event;
using Fibo.Actors.Actors.Common;
using Fibo.Actors.Infrastructure.MarketData;
using Fibo.Messages.MarketData;
using Fibo.Messages.Primitives;

namespace Fibo.Actors.Actors.MarketData;

/// <summary>
/// The node's one writer into the candle store: it groups the candles of every series that arrive while a transaction
/// is running into the next transaction (group commit: one row alone when the node is quiet, thousands per commit under
/// load, at most <c>maxRows</c>), and answers each write only after its transaction committed, so the Kafka offset of a
/// candle is committed only once the candle is durable. Rows are upserts: a revised candle replaces the stored one.
/// One transaction at a time keeps SQLite's single writer uncontended.
/// </summary>
public sealed class CandleWriterActor : ReceiveActor
{
    private sealed record Pending(WriteCandles? Write, WriteBarrier? Barrier, IActorRef Entity);

    private sealed record Committed(List<Pending> Batch, int Rows);

    private sealed record Failed(List<Pending> Batch, Exception Error);

    private sealed class Flush
    {
        public static readonly Flush Instance = new();
    }

    private readonly ICandleStore _store;
    private readonly PipelineMetrics _metrics;
    private readonly int _maxRows;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private List<Pending> _pending = [];
    private bool _writing;
    private bool _flushQueued;

    public CandleWriterActor(ICandleStore store, PipelineMetrics metrics, int maxRows)
    {
        _store = store;
        _metrics = metrics;
        _maxRows = Math.Max(1, maxRows);
        Receive<WriteCandles>(w => Enqueue(new Pending(w, null, Sender)));
        Receive<WriteBarrier>(b => Enqueue(new Pending(null, b, Sender)));
        Receive<Flush>(_ =>
        {
            _flushQueued = false;
            if (!_writing) StartWrite();
        });
        Receive<Committed>(c =>
        {
            _writing = false;
            _metrics.Written(c.Rows);
            foreach (var p in c.Batch)
            {
                if (p.Write is { } w) w.ReplyTo.Tell(w.Reply);
                else if (p.Barrier is { } b) b.ReplyTo.Tell(b.Reply);
            }
            if (_pending.Count > 0) StartWrite();
        });
        Receive<Failed>(f =>
        {
            _writing = false;
            _log.Error(f.Error, "candle store write of {Rows} candles failed; their series rebuild from the store and Kafka redelivers them",
                f.Batch.Sum(p => p.Write?.Candles.Count ?? 0));
            var failure = new Status.Failure(f.Error);
            var told = new HashSet<(IActorRef, SeriesKey)>();
            foreach (var p in f.Batch)
            {
                if (p.Write is { } w)
                {
                    w.ReplyTo.Tell(failure);
                    if (told.Add((p.Entity, w.Series)) && w.Candles.Count > 0) p.Entity.Tell(new CandleWriteFailed(w.Series, w.Candles[0].OpenTime, f.Error.Message));
                }
                else p.Barrier!.ReplyTo.Tell(failure);
            }
            if (_pending.Count > 0) StartWrite();
        });
    }

    private int _pendingRows;

    private void Enqueue(Pending p)
    {
        _pending.Add(p);
        _pendingRows += p.Write?.Candles.Count ?? 0;
        if (_writing) return;
        if (_pendingRows >= _maxRows) StartWrite();
        // Let the writes already queued in the mailbox join this transaction: the flush comes after them.
        else if (!_flushQueued)
        {
            _flushQueued = true;
            Self.Tell(Flush.Instance);
        }
    }

    private void StartWrite()
    {
        // Whole messages per transaction, at least one, until the row limit.
        var take = 0;
        var rows = 0;
        while (take < _pending.Count && (take == 0 || rows + (_pending[take].Write?.Candles.Count ?? 0) <= _maxRows))
            rows += _pending[take++].Write?.Candles.Count ?? 0;
        var batch = _pending.GetRange(0, take);
        _pending.RemoveRange(0, take);
        _pendingRows -= rows;
        var writes = Group(batch);
        if (writes.Count == 0)
        {
            // Only barriers: everything before them is already committed.
            Self.Tell(new Committed(batch, 0));
            _writing = true;
            return;
        }
        _writing = true;
        var self = Self;
        Task.Run(() => _store.WriteBatchAsync(writes, CandleWriteMode.Import)).ContinueWith(t =>
        {
            if (t.IsCompletedSuccessfully) self.Tell(new Committed(batch, rows));
            else self.Tell(new Failed(batch, t.Exception?.GetBaseException() ?? new InvalidOperationException("candle write cancelled")));
        }, TaskScheduler.Default);
    }

    /// <summary>One <see cref="SeriesWrite"/> per series and source, candles in arrival order (a revision follows its original).</summary>
    private static List<SeriesWrite> Group(List<Pending> batch)
    {
        var groups = new Dictionary<(SeriesKey, string), List<Candle>>();
        var order = new List<(SeriesKey, string)>();
        foreach (var p in batch)
        {
            if (p.Write is not { } w) continue;
            var key = (w.Series, w.Source);
            if (!groups.TryGetValue(key, out var list))
            {
                groups[key] = list = [];
                order.Add(key);
            }
            list.AddRange(w.Candles);
        }
        return order.Select(k => new SeriesWrite(k.Item1, groups[k], k.Item2)).ToList();
    }
}
