namespace NewsIngest.Cli.Errors;

/// <summary>The documented exit codes of <c>newsingest</c> (README, command table): scripts may rely on them.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what it was asked.</summary>
    public const int Ok = 0;

    /// <summary>The work ran but failed: no feed could be read, a page could not be parsed, the demo stored nothing, a bug.</summary>
    public const int WorkFailed = 1;

    /// <summary>The command line or the configuration is wrong: unknown flag, bad date, missing file, invalid setting.</summary>
    public const int Usage = 2;

    /// <summary>No storage to work with: unreachable, refused the credentials, or none found and none could be started.</summary>
    public const int StorageUnavailable = 3;
}
