namespace NewsIngest.Cli.Errors;

/// <summary>
/// Whether the user asked for details: <c>--verbose</c> on any command, or <c>NEWSINGEST_VERBOSE=1</c>. Verbose shows debug
/// logs (every retry of the HTTP resilience pipeline) and the stack trace of an unexpected error.
/// </summary>
internal static class Verbosity
{
    public const string EnvironmentVariable = "NEWSINGEST_VERBOSE";

    /// <summary>Set once, before the command runs.</summary>
    public static bool IsVerbose { get; set; } =
        Environment.GetEnvironmentVariable(EnvironmentVariable) is "1" or "true" or "TRUE" or "True";
}
