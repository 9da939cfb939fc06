using Fibo.Actors.Domain;
using Fibo.Actors.Domain.Features;
using Fibo.Actors.Domain.Prediction;

namespace Fibo.Actors.Tests.Domain.Prediction;

public class FeatureSchemaTests
{
    [Fact]
    public void Feature_lists_must_match_exactly_in_order()
    {
        FeatureSchema.RequireSameOrder(["a", "b", "c"], ["a", "b", "c"], "ctx");
        var e = Assert.Throws<InputException>(() => FeatureSchema.RequireSameOrder(["a", "b", "c"], ["a", "c", "b"], "ctx"));
        Assert.Contains("ctx: feature mismatch", e.Message);
        Assert.Contains("different order (first difference at position 1: 'b' vs 'c')", e.Message);
        e = Assert.Throws<InputException>(() => FeatureSchema.RequireSameOrder(["a", "b", "d"], ["a", "b", "c"], "ctx"));
        Assert.Contains("missing: [d]; extra: [c]", e.Message);
        e = Assert.Throws<InputException>(() => FeatureSchema.RequireSameOrder(["a", "b"], ["a", "b", "b2"], "ctx"));
        Assert.Contains("missing: []; extra: [b2]", e.Message);
    }

    [Fact]
    public void A_models_feature_hash_is_its_feature_sets_schema_hash()
    {
        Assert.Equal(FeatureRegistry.V2.SchemaHash, FeatureSchema.Hash(FeatureRegistry.V2.Columns));
        Assert.NotEqual(FeatureSchema.Hash(["a", "b"]), FeatureSchema.Hash(["b", "a"]));
    }
}
