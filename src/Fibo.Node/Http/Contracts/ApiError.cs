namespace Fibo.Node.Http.Contracts;

/// <summary>The body of every error answer of the inspection API: what went wrong and the HTTP status it came with.</summary>
public sealed record ApiError(string Error, int Status);
