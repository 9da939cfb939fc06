using System.Reflection;
using Fibo.Actors.Domain;

namespace Fibo.Actors.Tests.Architecture;

/// <summary>Domain code is plain C#: no type in Fibo.Actors.Domain may mention an Akka type.</summary>
public class DomainIsPureTests
{
    [Fact]
    public void No_domain_type_uses_akka()
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var domainTypes = typeof(InputException).Assembly.GetTypes()
            .Where(t => t.Namespace?.StartsWith("Fibo.Actors.Domain", StringComparison.Ordinal) == true)
            .ToList();
        Assert.NotEmpty(domainTypes);

        var offenders = new List<string>();
        foreach (var type in domainTypes)
        {
            IEnumerable<Type> used = new[] { type.BaseType }.OfType<Type>()
                .Concat(type.GetInterfaces())
                .Concat(type.GetFields(all).Select(f => f.FieldType))
                .Concat(type.GetProperties(all).Select(p => p.PropertyType))
                .Concat(type.GetMethods(all).SelectMany(m => m.GetParameters().Select(p => p.ParameterType).Append(m.ReturnType)))
                .Concat(type.GetConstructors(all).SelectMany(c => c.GetParameters().Select(p => p.ParameterType)));
            foreach (var u in used.SelectMany(Flatten))
                if (u.Namespace?.StartsWith("Akka", StringComparison.Ordinal) == true)
                    offenders.Add($"{type.FullName} uses {u.FullName}");
        }
        Assert.True(offenders.Count == 0, string.Join(Environment.NewLine, offenders.Distinct()));
    }

    private static IEnumerable<Type> Flatten(Type t)
    {
        yield return t;
        if (t.HasElementType) foreach (var e in Flatten(t.GetElementType()!)) yield return e;
        if (t.IsGenericType) foreach (var a in t.GetGenericArguments().SelectMany(Flatten)) yield return a;
    }
}
