using Akka.Actor;
using Fibo.Actors.Domain;
using Fibo.Node.Http.Contracts;

namespace Fibo.Node.Http;

/// <summary>
/// Turns every failure under <c>/api</c> into a JSON <see cref="ApiError"/> with a status that says whose fault it is:
/// 400 bad input, 404 unknown thing, 409 busy, 503 a part of the node is not running, 504 an actor did not answer in
/// time, 500 a bug (logged with its stack).
/// </summary>
internal static class ApiErrors
{
    public static IApplicationBuilder UseFiboApiErrors(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (Exception e) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
            {
                var (status, message) = Classify(e);
                if (status == StatusCodes.Status500InternalServerError)
                    context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Fibo.Http")
                        .LogError(e, "{Method} {Path} failed", context.Request.Method, context.Request.Path);
                await WriteAsync(context, status, message);
            }
        });

    public static Task WriteAsync(HttpContext context, int status, string message)
    {
        context.Response.Clear();
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new ApiError(message, status));
    }

    internal static (int Status, string Message) Classify(Exception e) => e switch
    {
        ApiException a => (a.Status, a.Message),
        InputException i => (StatusCodes.Status400BadRequest, i.Message),
        BadHttpRequestException b => (StatusCodes.Status400BadRequest, b.Message),
        AskTimeoutException or TimeoutException =>
            (StatusCodes.Status504GatewayTimeout, $"an actor did not answer within {AskTimeouts.Default.TotalSeconds:0} s ({e.Message}); the node may be overloaded or the actor stopped"),
        _ => (StatusCodes.Status500InternalServerError, $"{e.GetType().Name}: {e.Message}"),
    };
}
