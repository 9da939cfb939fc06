using Fibo.Node.Http.Contracts;

namespace Fibo.Node.Http.Jobs;

/// <summary><c>/api/training</c>, <c>/api/backtest</c>, <c>/api/audit</c>: the dashboard's Training, Backtest and Audit tabs.</summary>
internal static class JobEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/training", (TrainingJobs jobs) => jobs.Status());
        api.MapPost("/training", (TrainingJobs jobs, TrainingRequest request) => Results.Accepted("/api/training", jobs.Start(request)));
        api.MapPost("/training/cancel", (TrainingJobs jobs) => jobs.Cancel());
        api.MapPost("/backtest", (BacktestRunner runner, BacktestRequest request, CancellationToken ct) => runner.RunAsync(request, ct));
        api.MapPost("/audit", (AuditRunner runner, AuditRequest request, CancellationToken ct) => runner.RunAsync(request, ct));
    }
}
