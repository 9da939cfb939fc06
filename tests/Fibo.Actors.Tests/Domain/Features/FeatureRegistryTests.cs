using Fibo.Actors.Domain;
using Fibo.Actors.Domain.Features;
using Fibo.Actors.Tests.Support;

namespace Fibo.Actors.Tests.Domain.Features;

public class FeatureRegistryTests
{
    [Fact]
    public void Sets_have_the_seed_names_versions_and_default()
    {
        Assert.Equal(["v1", "v2"], FeatureRegistry.All.Select(s => s.Name));
        Assert.Equal("1.0", FeatureRegistry.V1.Version);
        Assert.Equal("2.0", FeatureRegistry.V2.Version);
        Assert.Same(FeatureRegistry.V2, FeatureRegistry.Default);
        Assert.Same(FeatureRegistry.V1, FeatureRegistry.Get("V1"));
    }

    [Fact]
    public void Unknown_set_fails_with_the_seed_message()
    {
        var e = Assert.Throws<InputException>(() => FeatureRegistry.Get("v3"));
        Assert.Equal("System 'v3' not found. Available systems: ['v1', 'v2']", e.Message);
    }

    [Fact]
    public void Detects_the_seed_model_metas()
    {
        Assert.Same(FeatureRegistry.V1, FeatureRegistry.Detect(SeedMeta.FeatureCols("v1")));
        Assert.Same(FeatureRegistry.V2, FeatureRegistry.Detect(SeedMeta.FeatureCols("v2")));
    }

    [Fact]
    public void Detection_follows_the_seed_heuristic_for_partial_lists()
    {
        // 33 of the 39 v1 columns (prepare_dataset's "highly correlated" drop) is below 35: nothing detected, like the seed.
        var v1Subset = FeatureRegistry.V1.Columns.Except(["high", "low", "log_close", "sma_5", "ema_5", "bb_m", "bb_up", "bb_dn"]).ToList();
        Assert.Null(FeatureRegistry.Detect(v1Subset));
        var v1Plus = FeatureRegistry.V1.Columns.Append("volume").ToList();
        Assert.Same(FeatureRegistry.V1, FeatureRegistry.Detect(v1Plus));
        // The seed registered v2 names it never produced; a v2 list without atr_pct is still detected by its real columns.
        var v2NoAtr = FeatureRegistry.V2.Columns.Where(c => c != "atr_pct").ToList();
        Assert.Same(FeatureRegistry.V2, FeatureRegistry.Detect(v2NoAtr));
        Assert.Null(FeatureRegistry.Detect(["a", "b", "c"]));
    }

    [Fact]
    public void Compatibility_reports_sorted_missing_columns()
    {
        var (ok, missing) = FeatureRegistry.ValidateCompatibility(["rsi_14", "zeta", "alpha"], FeatureRegistry.V2);
        Assert.False(ok);
        Assert.Equal(["alpha", "zeta"], missing);
        Assert.True(FeatureRegistry.ValidateCompatibility(SeedMeta.FeatureCols("v2"), FeatureRegistry.V2).Ok);
    }

    [Fact]
    public void Schema_hash_depends_on_order()
    {
        Assert.Equal(64, FeatureRegistry.V2.SchemaHash.Length);
        Assert.NotEqual(FeatureSet.ComputeSchemaHash(FeatureRegistry.V2.Columns.Reverse()), FeatureRegistry.V2.SchemaHash);
    }
}
