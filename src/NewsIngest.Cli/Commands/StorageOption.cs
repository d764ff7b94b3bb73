using System.CommandLine;

namespace NewsIngest.Cli.Commands;

/// <summary>The <c>--storage</c> option every storage command shares.</summary>
internal static class StorageOption
{
    public static Option<string?> Create() => new("--storage")
    {
        Description = "Storage connection string (default: the AzureWebJobsStorage setting, else a local Azurite, started if none runs).",
    };
}
