namespace Fibo.Node.Http;

/// <summary>An answer the API gives on purpose: an HTTP status and a message that says what to do.</summary>
public sealed class ApiException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;

    public static ApiException NotFound(string message) => new(StatusCodes.Status404NotFound, message);
    public static ApiException BadRequest(string message) => new(StatusCodes.Status400BadRequest, message);
    public static ApiException Conflict(string message) => new(StatusCodes.Status409Conflict, message);
    public static ApiException Unavailable(string message) => new(StatusCodes.Status503ServiceUnavailable, message);
}
