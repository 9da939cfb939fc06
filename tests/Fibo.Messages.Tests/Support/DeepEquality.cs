using System.Collections;
using System.Reflection;
using Akka.Actor;

namespace Fibo.Messages.Tests.Support;

/// <summary>Structural comparison (records with lists compare by reference otherwise); reports the first differing path.</summary>
public static class DeepEquality
{
    public static void AssertEqual(object? expected, object? actual, string path = "$")
    {
        if (expected is null || actual is null)
        {
            Assert.True(expected is null && actual is null, $"{path}: expected {Show(expected)}, got {Show(actual)}");
            return;
        }
        var type = expected.GetType();
        Assert.True(type == actual.GetType() || (expected is IEnumerable && actual is IEnumerable),
            $"{path}: expected a {type}, got a {actual.GetType()}");

        switch (expected)
        {
            case double d:
                Assert.True(d.Equals((double)actual), $"{path}: expected {d:R}, got {(double)actual:R}");
                return;
            case float f:
                Assert.True(f.Equals((float)actual), $"{path}: expected {f:R}, got {(float)actual:R}");
                return;
            case string or decimal or Guid or DateTime or DateTimeOffset or TimeSpan or Enum:
            case var _ when type.IsPrimitive || type.Namespace == "Fibo.Messages.Primitives":
                Assert.True(expected.Equals(actual), $"{path}: expected {Show(expected)}, got {Show(actual)}");
                return;
            case IActorRef a:
                Assert.Equal(a.Path.ToString(), ((IActorRef)actual).Path.ToString());
                return;
            case IDictionary ed:
                var ad = (IDictionary)actual;
                Assert.True(ed.Count == ad.Count, $"{path}: expected {ed.Count} entries, got {ad.Count}");
                foreach (DictionaryEntry e in ed)
                {
                    Assert.True(ad.Contains(e.Key), $"{path}: key {e.Key} missing");
                    AssertEqual(e.Value, ad[e.Key], $"{path}[{e.Key}]");
                }
                return;
            case IEnumerable es:
                var el = es.Cast<object?>().ToList();
                var al = ((IEnumerable)actual).Cast<object?>().ToList();
                Assert.True(el.Count == al.Count, $"{path}: expected {el.Count} items, got {al.Count}");
                for (var i = 0; i < el.Count; i++) AssertEqual(el[i], al[i], $"{path}[{i}]");
                return;
        }

        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (p.GetIndexParameters().Length > 0 || !p.CanRead) continue;
            AssertEqual(p.GetValue(expected), p.GetValue(actual), $"{path}.{p.Name}");
        }
    }

    private static string Show(object? o) => o is null ? "null" : $"'{o}'";
}
