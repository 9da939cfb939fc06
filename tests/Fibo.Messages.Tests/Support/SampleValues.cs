using System.Collections;
using System.Reflection;
using Akka.Actor;
using Fibo.Messages.MarketData;
using Fibo.Messages.Primitives;

namespace Fibo.Messages.Tests.Support;

/// <summary>
/// Builds an instance of any message type with a non-default value in every constructor parameter, recursively, so a
/// round-trip test covers a new message without being edited. A parameter type it cannot build fails loudly with the
/// type's name: add a case below only for a genuinely new kind of value.
/// </summary>
public sealed class SampleValues(IActorRef actorRef)
{
    private int _counter;

    public object Create(Type type) => Create(type, depth: 0);

    private object Create(Type type, int depth)
    {
        if (depth > 8) throw new InvalidOperationException($"sample for {type} nests too deep (a recursive message type?)");
        var n = ++_counter;

        var underlying = Nullable.GetUnderlyingType(type);
        if (underlying is not null) return Create(underlying, depth + 1);

        if (type == typeof(string)) return $"sample-{n}";
        if (type == typeof(bool)) return true;
        if (type == typeof(int)) return 100 + n;
        if (type == typeof(long)) return 1_700_000_000_000L + n * 300_000L;
        if (type == typeof(short)) return (short)(10 + n);
        if (type == typeof(byte)) return (byte)(1 + n % 200);
        if (type == typeof(double)) return 0.5 + n * 1.25;
        if (type == typeof(float)) return 0.25f + n;
        if (type == typeof(decimal)) return 1234.5678m + n;
        if (type == typeof(Guid)) return Guid.NewGuid();
        if (type == typeof(DateTime)) return new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddMinutes(n);
        if (type == typeof(DateTimeOffset)) return new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero).AddMinutes(n);
        if (type == typeof(TimeSpan)) return TimeSpan.FromMilliseconds(1500 + n);
        if (type.IsEnum)
        {
            var values = Enum.GetValues(type);
            return values.GetValue(n % values.Length == 0 && values.Length > 1 ? 1 : n % values.Length)!;
        }
        if (type == typeof(Symbol)) return n % 2 == 0 ? new Symbol("ETH", "BTC") : new Symbol("XRP", "ETH");
        if (type == typeof(Timeframe)) return n % 2 == 0 ? Timeframe.M5 : Timeframe.H1;
        if (type == typeof(SeriesKey)) return new SeriesKey((Symbol)Create(typeof(Symbol), depth + 1), (Timeframe)Create(typeof(Timeframe), depth + 1));
        if (type == typeof(Candle))
        {
            var t = 1_700_000_100_000L + n * 300_000L;
            return new Candle(t, 0.05 + n * 1e-4, 0.06, 0.04, 0.055, 12.5 + n, t + 299_999, true, 40 + n);
        }
        if (typeof(IActorRef).IsAssignableFrom(type)) return actorRef;

        if (type.IsArray)
        {
            var element = type.GetElementType()!;
            var array = Array.CreateInstance(element, 2);
            array.SetValue(Create(element, depth + 1), 0);
            array.SetValue(Create(element, depth + 1), 1);
            return array;
        }
        if (type.IsGenericType && DictionaryTypes(type) is { } kv)
        {
            var dict = (IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(kv.Key, kv.Value))!;
            dict[Create(kv.Key, depth + 1)] = Create(kv.Value, depth + 1);
            dict[Create(kv.Key, depth + 1)] = Create(kv.Value, depth + 1);
            return dict;
        }
        if (type.IsGenericType && SequenceElement(type) is { } elementType)
        {
            var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(elementType))!;
            list.Add(Create(elementType, depth + 1));
            list.Add(Create(elementType, depth + 1));
            return list;
        }
        if (type.IsInterface || type.IsAbstract)
            throw new InvalidOperationException($"no sample for the abstract type {type}: add a case to {nameof(SampleValues)}");

        var ctor = type.GetConstructors(BindingFlags.Public | BindingFlags.Instance)
            .OrderByDescending(c => c.GetParameters().Length).FirstOrDefault()
            ?? throw new InvalidOperationException($"no public constructor on {type}: add a case to {nameof(SampleValues)}");
        var args = ctor.GetParameters().Select(p => Create(p.ParameterType, depth + 1)).ToArray();
        return ctor.Invoke(args);
    }

    private static KeyValuePair<Type, Type>? DictionaryTypes(Type type)
    {
        var def = type.GetGenericTypeDefinition();
        if (def == typeof(Dictionary<,>) || def == typeof(IDictionary<,>) || def == typeof(IReadOnlyDictionary<,>))
            return new(type.GetGenericArguments()[0], type.GetGenericArguments()[1]);
        return null;
    }

    private static Type? SequenceElement(Type type)
    {
        var def = type.GetGenericTypeDefinition();
        return def == typeof(List<>) || def == typeof(IList<>) || def == typeof(IReadOnlyList<>) || def == typeof(ICollection<>)
               || def == typeof(IReadOnlyCollection<>) || def == typeof(IEnumerable<>)
            ? type.GetGenericArguments()[0]
            : null;
    }
}
