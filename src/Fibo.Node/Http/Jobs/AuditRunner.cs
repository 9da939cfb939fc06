using Fibo.Actors.Domain.Audit;
using Fibo.Actors.Domain.Dataset;
using Fibo.Actors.Domain.Features;
using Fibo.Node.Http.Contracts;
using Fibo.Node.Http.MarketData;

namespace Fibo.Node.Http.Jobs;

/// <summary><c>POST /api/audit</c>: <c>fibo audit</c>'s leakage audit over the dataset the pipeline builds from a stored series.</summary>
public sealed class AuditRunner(NodeCandleStore store, ComputeGate gate)
{
    public async Task<AuditView> RunAsync(AuditRequest request, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Series)) throw ApiException.BadRequest("series is required, e.g. \"ETH_BTC-5m\"");
        var key = SeriesInspector.ParseKey(request.Series);
        var set = FeatureRegistry.Get(request.Set);
        if (request.SeqLen < 2) throw ApiException.BadRequest($"seqLen {request.SeqLen} is too short: use 2 or more bars");
        if (request.Horizon < 1) throw ApiException.BadRequest($"horizon {request.Horizon} must be at least 1 bar");
        if (request.Permutations < 1) throw ApiException.BadRequest($"permutations {request.Permutations} must be at least 1");
        var candles = await (await store.GetAsync(ct)).ReadRangeAsync(key, ct: ct);
        if (candles.Count == 0) throw ApiException.NotFound($"the candle store has no candles for {key}");

        return await gate.RunAsync(() =>
        {
            var array = candles.ToArray();
            var dataset = DatasetPipeline.Prepare(array, new DatasetRequest(set, new SequenceOptions(request.SeqLen, request.Horizon)));
            var report = LeakageAudit.Run(AuditInput.From(dataset, array), new AuditOptions { Permutations = request.Permutations });
            return new AuditView(key.ToString(), set.Name, request.SeqLen, request.Horizon, report.Summary.NRows, report.Summary.NFeatures,
                report.LeakFound,
                report.Checks.Select(c => new AuditCheckView(c.Name, Tag(c), c.Leak, c.Message)).ToList());
        }, ct);
    }

    /// <summary>The seed's tags (OK, WARN, N/A), with LEAK when our verdict is a leak.</summary>
    internal static string Tag(AuditCheck c) => c.Leak ? "LEAK" : c.Status switch
    {
        AuditStatus.Ok => "OK",
        AuditStatus.Warn => "WARN",
        _ => "N/A",
    };
}
