using System.Collections;
using Fibo.Actors.Domain;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace Fibo.Actors.Infrastructure.Models;

/// <summary>
/// Reads a PyTorch checkpoint (<c>torch.save</c> pickle) with TorchSharp.PyBridge in every layout the seed's loaders
/// accept (SEED-SPEC §6.5): a raw state_dict, <c>{"state": sd}</c>, <c>{"state_dict": sd}</c> or
/// <c>{"model_state_dict": sd}</c>, with a DataParallel <c>module.</c> prefix stripped.
/// </summary>
public static class PythonCheckpoint
{
    private static readonly string[] WrapperKeys = ["state", "state_dict", "model_state_dict"];

    /// <summary>The tensors by name; the caller owns (disposes) them.</summary>
    public static Dictionary<string, Tensor> ReadStateDict(string path)
    {
        if (!File.Exists(path)) throw new InputException($"{path}: checkpoint file is missing");
        Hashtable root;
        try
        {
            root = PyTorchUnpickler.UnpickleStateDict(path);
        }
        catch (Exception e) when (e is not InputException)
        {
            throw new InputException($"{path}: not a readable PyTorch checkpoint ({e.GetType().Name}: {(e.InnerException ?? e).Message})", e);
        }
        IDictionary dict = root;
        foreach (var key in WrapperKeys)
            if (root[key] is IDictionary inner) { dict = inner; break; }

        var result = new Dictionary<string, Tensor>();
        foreach (DictionaryEntry entry in dict)
        {
            var name = entry.Key.ToString() ?? "";
            if (name.StartsWith("module.", StringComparison.Ordinal)) name = name["module.".Length..];
            if (entry.Value is not Tensor tensor)
                throw new InputException($"{path}: entry '{entry.Key}' is a {entry.Value?.GetType().Name ?? "None"}, not a tensor: not a state_dict");
            result[name] = tensor;
        }
        if (result.Count == 0) throw new InputException($"{path}: the checkpoint holds no tensors");
        return result;
    }
}
