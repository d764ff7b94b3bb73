namespace NewsIngest.Cli.Errors;

/// <summary>
/// A failure the user can cause and fix: printed as its message alone (one or two lines saying what is wrong and what to do),
/// never with a stack trace, and ended with its <see cref="ExitCode"/>.
/// </summary>
internal sealed class CommandException : Exception
{
    public CommandException(int exitCode, string message, Exception? innerException = null)
        : base(message, innerException) => ExitCode = exitCode;

    public CommandException()
    {
    }

    public CommandException(string message)
        : base(message)
    {
    }

    public CommandException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public int ExitCode { get; } = ExitCodes.WorkFailed;

    public static CommandException Usage(string message) => new(ExitCodes.Usage, message);

    public static CommandException StorageUnavailable(string message, Exception? innerException = null) => new(ExitCodes.StorageUnavailable, message, innerException);
}
