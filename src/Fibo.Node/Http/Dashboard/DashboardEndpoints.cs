namespace Fibo.Node.Http.Dashboard;

/// <summary><c>/</c>: the dashboard page; <c>/dashboard/{file}</c>: its script and style.</summary>
internal static class DashboardEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/", () => DashboardAssets.Serve("index.html"));
        app.MapGet("/dashboard/{file}", (string file) => DashboardAssets.Serve(file));
    }
}
