namespace Fibo.Actors.Domain.Features;

/// <summary>
/// A table of float64 feature rows (row-major) with the candle time and close of every row — what the seed keeps in
/// a DataFrame after computing features and attaching <c>timestamp</c> and <c>close</c>. Immutable.
/// </summary>
public sealed class FeatureFrame
{
    private readonly string[] _columns;
    private readonly Dictionary<string, int> _index;
    private readonly long[] _timestamps;
    private readonly double[] _close;
    private readonly double[] _values;
    private readonly int[] _sourceRows;

    /// <param name="columns">Column names (unique).</param>
    /// <param name="timestamps">Candle open time (UTC ms) per row.</param>
    /// <param name="close">Close per row (targets are built from it).</param>
    /// <param name="values">Row-major values, rows × columns.</param>
    /// <param name="sourceRows">Index of each row in the original candle array (null: 0..rows−1).</param>
    public FeatureFrame(IReadOnlyList<string> columns, long[] timestamps, double[] close, double[] values, int[]? sourceRows = null)
    {
        _columns = columns.ToArray();
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < _columns.Length; i++)
            if (!_index.TryAdd(_columns[i], i)) throw new ArgumentException($"duplicate feature column '{_columns[i]}'", nameof(columns));
        if (close.Length != timestamps.Length) throw new ArgumentException("close and timestamps differ in length", nameof(close));
        if (values.Length != timestamps.Length * _columns.Length) throw new ArgumentException($"values hold {values.Length} numbers, expected rows × columns = {timestamps.Length} × {_columns.Length}", nameof(values));
        sourceRows ??= Enumerable.Range(0, timestamps.Length).ToArray();
        if (sourceRows.Length != timestamps.Length) throw new ArgumentException("sourceRows and timestamps differ in length", nameof(sourceRows));
        _timestamps = timestamps;
        _close = close;
        _values = values;
        _sourceRows = sourceRows;
    }

    public IReadOnlyList<string> Columns => _columns;
    public int ColumnCount => _columns.Length;
    public int RowCount => _timestamps.Length;
    public ReadOnlySpan<long> Timestamps => _timestamps;
    public ReadOnlySpan<double> Close => _close;

    /// <summary>All values, row-major (row r is [r·ColumnCount, (r+1)·ColumnCount)).</summary>
    public ReadOnlySpan<double> Values => _values;

    /// <summary>Row index of each row in the candle array the frame was computed from.</summary>
    public ReadOnlySpan<int> SourceRows => _sourceRows;

    public ReadOnlySpan<double> Row(int row) => _values.AsSpan(row * _columns.Length, _columns.Length);

    public double this[int row, int column] => _values[row * _columns.Length + column];

    public int IndexOf(string column) => _index.TryGetValue(column, out var i) ? i : -1;

    /// <summary>A copy of one column.</summary>
    public double[] Column(string name)
    {
        int c = IndexOf(name);
        if (c < 0) throw new ArgumentException($"no column '{name}'", nameof(name));
        return Column(c);
    }

    public double[] Column(int column)
    {
        var result = new double[RowCount];
        for (int r = 0; r < result.Length; r++) result[r] = _values[r * _columns.Length + column];
        return result;
    }

    /// <summary>True when no value of the row is NaN (the seed's dropna keeps it).</summary>
    public bool IsComplete(int row)
    {
        foreach (var v in Row(row)) if (double.IsNaN(v)) return false;
        return !double.IsNaN(_close[row]);
    }

    /// <summary>The seed's <c>dropna()</c>: only the rows without any NaN (close included), in order.</summary>
    public FeatureFrame DropIncomplete()
    {
        var keep = new List<int>(RowCount);
        for (int r = 0; r < RowCount; r++) if (IsComplete(r)) keep.Add(r);
        return SelectRows(keep);
    }

    /// <summary>The given rows (ascending indexes into this frame).</summary>
    public FeatureFrame SelectRows(IReadOnlyList<int> rows)
    {
        int f = _columns.Length;
        var ts = new long[rows.Count];
        var close = new double[rows.Count];
        var values = new double[rows.Count * f];
        var src = new int[rows.Count];
        for (int i = 0; i < rows.Count; i++)
        {
            int r = rows[i];
            ts[i] = _timestamps[r];
            close[i] = _close[r];
            src[i] = _sourceRows[r];
            Array.Copy(_values, r * f, values, i * f, f);
        }
        return new FeatureFrame(_columns, ts, close, values, src);
    }

    /// <summary>
    /// The named columns in the given order. A missing name is an error (the seed dropped them silently, §12 B10).
    /// </summary>
    public FeatureFrame SelectColumns(IReadOnlyList<string> names)
    {
        var missing = names.Where(n => !_index.ContainsKey(n)).ToList();
        if (missing.Count > 0)
            throw new InputException($"missing feature columns: {string.Join(", ", missing)} (the frame has: {string.Join(", ", _columns)}); compute the feature set the model was trained on");
        var idx = names.Select(n => _index[n]).ToArray();
        int f = _columns.Length;
        var values = new double[RowCount * idx.Length];
        for (int r = 0; r < RowCount; r++)
            for (int j = 0; j < idx.Length; j++)
                values[r * idx.Length + j] = _values[r * f + idx[j]];
        return new FeatureFrame(names, _timestamps, _close, values, _sourceRows);
    }

    /// <summary>A copy with one more column appended (used to build test and audit frames).</summary>
    public FeatureFrame WithColumn(string name, ReadOnlySpan<double> column)
    {
        if (column.Length != RowCount) throw new ArgumentException($"column '{name}' has {column.Length} values, the frame {RowCount} rows", nameof(column));
        int f = _columns.Length;
        var values = new double[RowCount * (f + 1)];
        for (int r = 0; r < RowCount; r++)
        {
            Array.Copy(_values, r * f, values, r * (f + 1), f);
            values[r * (f + 1) + f] = column[r];
        }
        return new FeatureFrame([.. _columns, name], _timestamps, _close, values, _sourceRows);
    }

    /// <summary>A copy with the same rows and columns and new values (row-major), e.g. after scaling.</summary>
    public FeatureFrame WithValues(double[] values) => new(_columns, _timestamps, _close, values, _sourceRows);
}
