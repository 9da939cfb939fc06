namespace Fibo.Actors.Hosting.Options;

/// <summary>Section <c>Fibo:Models</c>: the model registry and inference.</summary>
public sealed class ModelsOptions
{
    /// <summary>Directory of the model registry (versioned artifacts).</summary>
    public string Directory { get; set; } = "models";

    /// <summary>Threads of the <c>fibo-inference-dispatcher</c> (TorchSharp runs batch-1 best with one thread per call).</summary>
    public int InferenceThreads { get; set; } = 1;
}
