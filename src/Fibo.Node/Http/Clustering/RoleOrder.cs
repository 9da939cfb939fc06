using Fibo.Actors.Hosting;

namespace Fibo.Node.Http.Clustering;

/// <summary>Roles in pipeline order (ingest, compute, trading), then any others by name: the same order in every view.</summary>
internal static class RoleOrder
{
    public static IReadOnlyList<string> Sort(IEnumerable<string> roles) =>
        roles.OrderBy(r => FiboRoles.All.IndexOf(r) is var i and >= 0 ? i : int.MaxValue).ThenBy(r => r, StringComparer.Ordinal).ToList();

    private static int IndexOf(this IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++)
            if (list[i] == value) return i;
        return -1;
    }
}
