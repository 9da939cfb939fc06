using Fibo.Actors.Domain;
using Fibo.Actors.Domain.Prediction;

namespace Fibo.Actors.Infrastructure.Models;

/// <summary><c>scaler.json</c>: <c>{feature_names, mean, scale}</c> (SEED-SPEC §13.5), the port's replacement for scaler.pkl.</summary>
public static class ScalerFile
{
    private sealed record Dto(IReadOnlyList<string>? FeatureNames, IReadOnlyList<double>? Mean, IReadOnlyList<double>? Scale);

    public static void Write(string path, FeatureScaler scaler) =>
        ArtifactJson.Write(path, new Dto(scaler.FeatureNames, scaler.Mean, scaler.Scale));

    public static FeatureScaler Read(string path)
    {
        var dto = ArtifactJson.Read<Dto>(path, "scaler.json");
        if (dto.FeatureNames is null || dto.Mean is null || dto.Scale is null)
            throw new InputException($"{path}: scaler.json needs feature_names, mean and scale");
        try
        {
            return new FeatureScaler(dto.FeatureNames, dto.Mean, dto.Scale);
        }
        catch (InputException e)
        {
            throw new InputException($"{path}: {e.Message}", e);
        }
    }
}
