namespace Fibo.Actors.Domain;

/// <summary>
/// Bad input from a user: a file, a row, a flag or a configuration value. The message names the thing and the fix;
/// the CLI prints it without a stack trace and exits with code 2.
/// </summary>
public class InputException(string message, Exception? inner = null) : Exception(message, inner);
