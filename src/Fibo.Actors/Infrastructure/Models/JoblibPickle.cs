using System.Buffers.Binary;
using System.Collections;
using Fibo.Actors.Domain;
using Razorvine.Pickle;
using Razorvine.Pickle.Objects;

namespace Fibo.Actors.Infrastructure.Models;

/// <summary>
/// Reads joblib pickles (the seed's <c>scaler.pkl</c>) with Razorvine.Pickle plus the few numpy/joblib classes they
/// contain. joblib writes each numpy array as a <c>NumpyArrayWrapper</c> pickle record (shape, order, dtype,
/// alignment) followed <b>in the stream itself</b> by one padding-length byte, that many padding bytes, and the raw
/// array bytes; so the wrapper's <c>__setstate__</c> reads the bytes from the same stream right after its BUILD
/// opcode. Razorvine reads its input unbuffered, which keeps the positions in step. Arrays of Python objects
/// (e.g. <c>feature_names_in_</c>) are written by joblib as a nested ordinary pickle at that point instead.
/// </summary>
public static class JoblibPickle
{
    [ThreadStatic] private static Stream? _current;
    private static readonly Lock RegistrationGate = new();
    private static bool _registered;

    /// <summary>Unpickles a whole joblib file (numpy 1 <c>numpy.core</c> and numpy 2 <c>numpy._core</c> module names).</summary>
    public static object Load(string path)
    {
        if (!File.Exists(path)) throw new InputException($"{path}: file is missing");
        EnsureRegistered();
        var previous = _current;
        using var stream = new MemoryStream(File.ReadAllBytes(path), writable: false);
        _current = stream;
        try
        {
            using var unpickler = new Unpickler();
            return unpickler.load(stream);
        }
        catch (Exception e) when (e is PickleException or InvalidOpcodeException or EndOfStreamException or InvalidCastException or IOException)
        {
            throw new InputException($"{path}: not a readable joblib pickle ({e.GetType().Name}: {(e.InnerException ?? e).Message})", e);
        }
        finally
        {
            _current = previous;
        }
    }

    internal static Stream CurrentStream => _current ?? throw new InvalidOperationException("joblib array data read outside JoblibPickle.Load");

    // Razorvine's constructor table is process-wide: register once.
    private static void EnsureRegistered()
    {
        lock (RegistrationGate)
        {
            if (_registered) return;
            Unpickler.registerConstructor("joblib.numpy_pickle", "NumpyArrayWrapper", new Constructor(_ => new NumpyArrayWrapper()));
            foreach (var core in new[] { "numpy.core", "numpy._core" })
            {
                Unpickler.registerConstructor($"{core}.multiarray", "scalar", new Constructor(NumpyScalar.Create));
                Unpickler.registerConstructor($"{core}.multiarray", "_reconstruct", new Constructor(_ => new NumpyNdArray()));
            }
            Unpickler.registerConstructor("numpy", "dtype", new Constructor(a => new NumpyDType((string)a[0])));
            Unpickler.registerConstructor("numpy", "ndarray", new Constructor(_ => new NumpyNdArray()));
            _registered = true;
        }
    }

    private sealed class Constructor(Func<object[], object> create) : IObjectConstructor
    {
        public object construct(object[] args) => create(args);
    }
}

/// <summary>A numpy array read from a pickle: its shape and its elements (double/long/float/bool or Python objects).</summary>
public interface INumpyArray
{
    long[] Shape { get; }
    Array Data { get; }
}

/// <summary><c>numpy.dtype(code, align, copy)</c> with its state tuple (version, byte order, ...).</summary>
public sealed class NumpyDType(string code)
{
    public string Code { get; } = code;
    public char ByteOrder { get; private set; } = '<';

    public bool IsObject => Code.StartsWith('O');

    public int ItemSize => Code switch
    {
        "f8" or "i8" or "u8" => 8,
        "f4" or "i4" or "u4" => 4,
        "b1" or "i1" or "u1" => 1,
        _ => throw new InputException($"numpy dtype '{Code}' is not supported by the scaler reader"),
    };

    public void __setstate__(object[] state)
    {
        if (state.Length > 1 && state[1] is string order && order.Length == 1) ByteOrder = order[0];
    }

    /// <summary>Decodes <paramref name="count"/> little-endian items (native '=' and '|' are little-endian here).</summary>
    public Array Decode(ReadOnlySpan<byte> bytes, long count)
    {
        if (ByteOrder == '>') throw new InputException($"big-endian numpy arrays ('>{Code}') are not supported");
        var n = checked((int)count);
        switch (Code)
        {
            case "f8": { var a = new double[n]; for (var i = 0; i < n; i++) a[i] = BinaryPrimitives.ReadDoubleLittleEndian(bytes[(i * 8)..]); return a; }
            case "f4": { var a = new float[n]; for (var i = 0; i < n; i++) a[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes[(i * 4)..]); return a; }
            case "i8": { var a = new long[n]; for (var i = 0; i < n; i++) a[i] = BinaryPrimitives.ReadInt64LittleEndian(bytes[(i * 8)..]); return a; }
            case "i4": { var a = new int[n]; for (var i = 0; i < n; i++) a[i] = BinaryPrimitives.ReadInt32LittleEndian(bytes[(i * 4)..]); return a; }
            case "b1": { var a = new bool[n]; for (var i = 0; i < n; i++) a[i] = bytes[i] != 0; return a; }
            default: throw new InputException($"numpy dtype '{Code}' is not supported by the scaler reader");
        }
    }
}

/// <summary><c>numpy.core.multiarray.scalar(dtype, bytes)</c>: a numpy scalar such as sklearn's n_samples_seen_.</summary>
internal static class NumpyScalar
{
    public static object Create(object[] args)
    {
        if (args.Length < 2 || args[0] is not NumpyDType dtype || args[1] is not byte[] bytes)
            throw new PickleException("numpy scalar: expected (dtype, bytes)");
        return dtype.Decode(bytes, 1).GetValue(0)!;
    }
}

/// <summary>joblib's wrapper: on BUILD it reads the array's raw bytes (or nested pickle) from the stream.</summary>
public sealed class NumpyArrayWrapper : INumpyArray
{
    public long[] Shape { get; private set; } = [];
    public Array Data { get; private set; } = Array.Empty<double>();

    public void __setstate__(Hashtable state)
    {
        Shape = ((IEnumerable)state["shape"]!).Cast<object>().Select(Convert.ToInt64).ToArray();
        var dtype = state["dtype"] as NumpyDType ?? throw new PickleException("NumpyArrayWrapper without a numpy dtype");
        if (state["order"] is string order && order != "C" && Shape.Length > 1)
            throw new PickleException($"NumpyArrayWrapper order '{order}' is not supported (C order only)");
        var stream = JoblibPickle.CurrentStream;
        if (dtype.IsObject)
        {
            // joblib pickles object arrays as a nested, complete pickle right here.
            using var nested = new Unpickler();
            var inner = nested.load(new NonClosingStream(stream)) as INumpyArray ?? throw new PickleException("object array is not a numpy array");
            Data = inner.Data;
            return;
        }
        var count = Shape.Aggregate(1L, (a, b) => a * b);
        if (state.ContainsKey("numpy_array_alignment_bytes"))
        {
            var padding = stream.ReadByte();
            if (padding < 0) throw new EndOfStreamException("joblib array padding");
            stream.Seek(padding, SeekOrigin.Current);
        }
        var bytes = new byte[count * dtype.ItemSize];
        stream.ReadExactly(bytes);
        Data = dtype.Decode(bytes, count);
    }
}

/// <summary><c>numpy.core.multiarray._reconstruct(ndarray, (0,), b'b')</c> + BUILD (version, shape, dtype, fortran, data).</summary>
public sealed class NumpyNdArray : INumpyArray
{
    public long[] Shape { get; private set; } = [];
    public Array Data { get; private set; } = Array.Empty<object>();

    public void __setstate__(object[] state)
    {
        if (state.Length < 5) throw new PickleException("numpy ndarray state must have 5 items");
        Shape = ((IEnumerable)state[1]).Cast<object>().Select(Convert.ToInt64).ToArray();
        var dtype = state[2] as NumpyDType ?? throw new PickleException("numpy ndarray without a dtype");
        var count = Shape.Aggregate(1L, (a, b) => a * b);
        Data = state[4] switch
        {
            byte[] raw => dtype.Decode(raw, count),
            string latin1 => dtype.Decode(latin1.Select(c => (byte)c).ToArray(), count),
            IList list => list.Cast<object>().ToArray(),
            var other => throw new PickleException($"numpy ndarray data of type {other?.GetType().Name} is not supported"),
        };
    }
}

/// <summary>Lets a nested unpickler read from the shared stream without closing it.</summary>
internal sealed class NonClosingStream(Stream inner) : Stream
{
    public override bool CanRead => true;
    public override bool CanSeek => inner.CanSeek;
    public override bool CanWrite => false;
    public override long Length => inner.Length;
    public override long Position { get => inner.Position; set => inner.Position = value; }
    public override void Flush() { }
    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
    public override int ReadByte() => inner.ReadByte();
    public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);
    public override void SetLength(long value) => throw new NotSupportedException("the pickle stream is read-only");
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("the pickle stream is read-only");
    protected override void Dispose(bool disposing) { }
}
