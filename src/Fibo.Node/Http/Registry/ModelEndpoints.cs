namespace Fibo.Node.Http.Registry;

/// <summary><c>/api/models</c>: the registry's versions, one version's meta, its loss plot.</summary>
internal static class ModelEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var models = api.MapGroup("/models");
        models.MapGet("", (ModelCatalog catalog) => catalog.List());
        models.MapGet("/{version}", (ModelCatalog catalog, string version) => catalog.Show(version));
        models.MapGet("/{version}/loss.png", (ModelCatalog catalog, string version) =>
            Results.File(catalog.LossPlotPath(version), "image/png"));
    }
}
